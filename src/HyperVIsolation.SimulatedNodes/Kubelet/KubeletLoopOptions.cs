namespace HyperVIsolation.SimulatedNodes.Kubelet;

/// <summary>Settings of a simulated kubelet.</summary>
public sealed record KubeletLoopOptions
{
    /// <summary>Longest wait between two syncs when nothing changes.</summary>
    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Wait before a failed sandbox creation is tried again.</summary>
    public TimeSpan SandboxRetryInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Restart back-off after a container crash (kubelet starts at 10 s).</summary>
    public TimeSpan CrashLoopBackOff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause before a failed watch is reopened.</summary>
    public TimeSpan WatchRetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}
