namespace HyperVIsolation.Bench;

/// <summary>Throughput and latency of one measured operation.</summary>
/// <param name="Operation">create, get, list, watch.</param>
/// <param name="Count">Operations (or watch events) completed.</param>
/// <param name="Seconds">Wall time of the phase.</param>
/// <param name="P50Milliseconds">Median latency (watch: delivery delay after the create returned).</param>
/// <param name="P99Milliseconds">99th percentile latency.</param>
internal sealed record OperationResult(string Operation, int Count, double Seconds, double P50Milliseconds, double P99Milliseconds)
{
    /// <summary>Operations per second.</summary>
    public double PerSecond => Seconds > 0 ? Count / Seconds : 0;
}
