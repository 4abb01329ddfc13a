using System.Globalization;

namespace HyperVIsolation.Soak.Plan;

/// <summary>A fault of a round, with its target and shape drawn from the seed.</summary>
/// <param name="At">When in the round it is injected.</param>
/// <param name="Kind">What fault.</param>
/// <param name="Node">The node index (node faults only; taken modulo the node count).</param>
/// <param name="Duration">How long a burst, spike or NotReady lasts.</param>
/// <param name="StatusCode">429, 500 or 503 for a request burst.</param>
/// <param name="Share">Share of requests failing during a burst.</param>
/// <param name="Latency">Delay per request during a latency spike.</param>
/// <param name="Unreachable">For a NotReady fault: the node goes silent instead of reporting NotReady.</param>
public sealed record ScheduledFault(
    TimeSpan At, FaultKind Kind, int Node, TimeSpan Duration, int StatusCode, double Share, TimeSpan Latency, bool Unreachable) : SoakStep(At)
{
    /// <summary>A one-line description for the fault log.</summary>
    public string Describe() => Kind switch
    {
        FaultKind.Throttling or FaultKind.ServerErrors => string.Create(CultureInfo.InvariantCulture, $"{Kind} {StatusCode} on {Share:P0} of requests for {Duration.TotalSeconds:F1} s"),
        FaultKind.LatencySpike => string.Create(CultureInfo.InvariantCulture, $"{Kind} +{Latency.TotalMilliseconds:F0} ms for {Duration.TotalSeconds:F1} s"),
        FaultKind.NodeNotReady => string.Create(CultureInfo.InvariantCulture, $"{Kind} node {Node} {(Unreachable ? "unreachable" : "reports NotReady")} for {Duration.TotalSeconds:F1} s"),
        FaultKind.ContainerdRestart or FaultKind.VmBootFailure => string.Create(CultureInfo.InvariantCulture, $"{Kind} node {Node}"),
        _ => Kind.ToString(),
    };
}
