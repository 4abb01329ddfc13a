namespace HyperVIsolation.LocalApiServer.Authorization;

/// <summary>One authorization decision the server made: who asked for what, and the answer.</summary>
/// <param name="User">The user name.</param>
/// <param name="Request">What was asked.</param>
/// <param name="Decision">The answer.</param>
public sealed record AuthorizationRecord(string User, RequestAttributes Request, AuthorizationDecision Decision);
