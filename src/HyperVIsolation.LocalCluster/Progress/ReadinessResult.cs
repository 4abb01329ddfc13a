namespace HyperVIsolation.LocalCluster.Progress;

/// <summary>How waiting for readiness ended.</summary>
/// <param name="AllReady">Every workload was Ready for its current generation.</param>
/// <param name="Rows">The last state seen of every workload.</param>
internal sealed record ReadinessResult(bool AllReady, IReadOnlyList<WorkloadProgress> Rows);
