namespace HyperVIsolation.Bench.Webhook;

/// <summary>One load phase against one endpoint.</summary>
/// <param name="Endpoint">The endpoint measured.</param>
/// <param name="Mode"><c>rate</c> (open loop at a fixed rate) or <c>max</c> (closed loop).</param>
/// <param name="TargetPerSecond">The offered rate; 0 for closed loop.</param>
/// <param name="Completed">Requests answered with the expected status.</param>
/// <param name="Failed">Requests that failed or got another status.</param>
/// <param name="Shed">Requests not sent because the in-flight bound was reached (open loop only).</param>
/// <param name="Seconds">Wall time of the phase.</param>
/// <param name="P50Milliseconds">Median latency.</param>
/// <param name="P99Milliseconds">99th percentile latency.</param>
/// <param name="P999Milliseconds">99.9th percentile latency.</param>
/// <param name="Gc">The process's garbage collections during the phase.</param>
/// <param name="Pool">The thread pool during the phase.</param>
internal sealed record LoadResult(
    string Endpoint,
    string Mode,
    int TargetPerSecond,
    int Completed,
    int Failed,
    int Shed,
    double Seconds,
    double P50Milliseconds,
    double P99Milliseconds,
    double P999Milliseconds,
    GcActivity? Gc = null,
    ThreadPoolActivity? Pool = null)
{
    /// <summary>Answered requests per second.</summary>
    public double PerSecond => Seconds > 0 ? Completed / Seconds : 0;
}
