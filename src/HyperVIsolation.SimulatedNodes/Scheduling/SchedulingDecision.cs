namespace HyperVIsolation.SimulatedNodes.Scheduling;

/// <summary>The scheduler's answer for one pod: a node, or why none fits.</summary>
/// <param name="NodeName">The chosen node; null when the pod is unschedulable.</param>
/// <param name="FailureMessage">kube-scheduler's message when unschedulable, e.g. <c>0/3 nodes are available: 3 Insufficient memory.</c></param>
public sealed record SchedulingDecision(string? NodeName, string? FailureMessage)
{
    /// <summary>Whether a node was chosen.</summary>
    public bool IsScheduled => NodeName is not null;

    /// <summary>A pod placed on <paramref name="nodeName"/>.</summary>
    public static SchedulingDecision Bind(string nodeName) => new(nodeName, null);

    /// <summary>An unschedulable pod.</summary>
    public static SchedulingDecision Unschedulable(string message) => new(null, message);
}
