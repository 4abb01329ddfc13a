namespace HyperVIsolation.LocalApiServer.Hosting;

/// <summary>An extra bearer token the server accepts, and the user it authenticates as.</summary>
/// <param name="Token">The bearer token.</param>
/// <param name="Name">User name (AdmissionReview <c>userInfo.username</c>).</param>
/// <param name="Groups">Groups; <c>system:authenticated</c> is added by the server.</param>
public sealed record LocalApiUser(string Token, string Name, IReadOnlyList<string> Groups);
