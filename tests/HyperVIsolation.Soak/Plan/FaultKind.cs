namespace HyperVIsolation.Soak.Plan;

/// <summary>The kinds of fault a soak injects.</summary>
public enum FaultKind
{
    /// <summary>Every live watch ends at once; clients re-watch from their last resource version.</summary>
    WatchCut,

    /// <summary>The change history is compacted and watches cut: re-watches from older versions get 410 Gone and relist.</summary>
    Compaction,

    /// <summary>A burst in which a share of all API requests gets 429 Too Many Requests.</summary>
    Throttling,

    /// <summary>A burst in which a share of all API requests gets 500 or 503.</summary>
    ServerErrors,

    /// <summary>Every API request is delayed for a while.</summary>
    LatencySpike,

    /// <summary>The API server's listener stops and starts again on the same port, keeping its objects.</summary>
    ApiServerRestart,

    /// <summary>The leading operator replica is cut off from the API server as if killed, mid-rollout; a new replica is started.</summary>
    LeaderKill,

    /// <summary>A node reports NotReady, or goes silent (Ready=Unknown), and heals after a while.</summary>
    NodeNotReady,

    /// <summary>A node's containerd restarts through the node agent's service: CRI is away for a moment.</summary>
    ContainerdRestart,

    /// <summary>The next utility VM boot on a node fails with an HCS error.</summary>
    VmBootFailure,
}
