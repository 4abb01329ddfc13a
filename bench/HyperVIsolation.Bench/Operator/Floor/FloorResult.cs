namespace HyperVIsolation.Bench.Operator.Floor;

/// <summary>What replaying the rollout's writes took.</summary>
/// <param name="Seconds">Wall time from the first write to the last answer.</param>
/// <param name="Writes">Writes replayed.</param>
/// <param name="Failures">Writes the floor's server refused (expected 0).</param>
/// <param name="FirstFailure">The first refusal, for the report.</param>
/// <param name="PerWorkload">Latency of one workload's chain of writes.</param>
internal sealed record FloorResult(double Seconds, int Writes, int Failures, string? FirstFailure, OperationResult PerWorkload)
{
    /// <summary>Writes per second of the replay.</summary>
    public double WritesPerSecond => Seconds > 0 ? Writes / Seconds : 0;
}
