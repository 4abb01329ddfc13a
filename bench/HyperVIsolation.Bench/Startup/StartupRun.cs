namespace HyperVIsolation.Bench.Startup;

/// <summary>One start of the operator process.</summary>
/// <param name="ToSynced">From process start until <c>/readyz</c> answered 200 (every cache synced); null when it never did.</param>
/// <param name="ToLeading">From process start until the Lease named this replica as holder; null when it never did.</param>
/// <param name="CpuMilliseconds">CPU time the process used until both, in milliseconds.</param>
/// <param name="ResidentMegabytes">Its resident memory then, in MB.</param>
internal sealed record StartupRun(TimeSpan? ToSynced, TimeSpan? ToLeading, double CpuMilliseconds, double ResidentMegabytes)
{
    /// <summary>Start to both synced and leading; null when either never happened.</summary>
    public TimeSpan? ToSyncedAndLeading => ToSynced is { } synced && ToLeading is { } leading ? (synced > leading ? synced : leading) : null;
}
