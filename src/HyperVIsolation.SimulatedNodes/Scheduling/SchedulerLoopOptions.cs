namespace HyperVIsolation.SimulatedNodes.Scheduling;

/// <summary>Settings of the simulated scheduler.</summary>
public sealed record SchedulerLoopOptions
{
    /// <summary>The <c>spec.schedulerName</c> this scheduler serves (pods without one are its too).</summary>
    public string SchedulerName { get; init; } = SchedulerLoop.DefaultSchedulerName;

    /// <summary>Longest wait before unschedulable pods are tried again without any change seen.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many bindings are sent at once (decisions stay one at a time).</summary>
    public int BindConcurrency { get; init; } = 8;

    /// <summary>Pause before a failed watch is reopened.</summary>
    public TimeSpan WatchRetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}
