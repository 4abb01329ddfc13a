using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>Builds conditions whose <c>lastTransitionTime</c> moves only when their status changes.</summary>
/// <param name="previous">The conditions of the previous status, if any.</param>
/// <param name="now">The time of this computation, already truncated to what the API stores.</param>
/// <param name="generation">The generation the conditions describe.</param>
internal sealed class ConditionTransitions(IReadOnlyList<V1Condition>? previous, DateTime now, long? generation)
{
    public V1Condition Create(string type, bool status, string reason, string message)
    {
        var statusText = status ? "True" : "False";
        var before = previous?.FirstOrDefault(condition => condition?.Type == type);
        var transitioned = before is null || before.Status != statusText;
        return new V1Condition
        {
            Type = type,
            Status = statusText,
            Reason = reason,
            Message = message,
            ObservedGeneration = generation,
            LastTransitionTime = transitioned ? now : before!.LastTransitionTime,
        };
    }
}
