namespace HyperVIsolation.LocalApiServer.Security;

/// <summary>A service account token the server issued through TokenRequest.</summary>
/// <param name="Token">The bearer token.</param>
/// <param name="Namespace">The service account's namespace.</param>
/// <param name="ServiceAccount">The service account's name.</param>
/// <param name="ServiceAccountUid">The uid of the service account it was issued for (a recreated account does not inherit it).</param>
/// <param name="ExpiresAt">When it stops authenticating.</param>
public sealed record IssuedToken(string Token, string Namespace, string ServiceAccount, string ServiceAccountUid, DateTimeOffset ExpiresAt);
