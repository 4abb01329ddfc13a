using System.Collections.Concurrent;

namespace HyperVIsolation.LocalApiServer.Authorization;

/// <summary>
/// Every authorization decision of a server that enforces RBAC, in order, for tests that prove a role is
/// sufficient (no denial) and minimal (every granted verb used). Administrator requests are not recorded.
/// </summary>
public sealed class AuthorizationLog
{
    private readonly ConcurrentQueue<AuthorizationRecord> records = new();

    /// <summary>The decisions so far.</summary>
    public IReadOnlyList<AuthorizationRecord> Records => [.. records];

    /// <summary>The denials so far.</summary>
    public IReadOnlyList<AuthorizationRecord> Denials => [.. records.Where(r => !r.Decision.Allowed)];

    /// <summary>Records a decision.</summary>
    public void Add(AuthorizationRecord record) => records.Enqueue(record);
}
