using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Whether a RuntimeClass in the cluster already says what the rendered one says: handler, overhead
/// (quantities compared by value, since the API server may canonicalize them) and scheduling. Pure.
/// </summary>
internal static class RuntimeClassComparer
{
    /// <summary>Whether <paramref name="existing"/> needs no write to become <paramref name="desired"/>.</summary>
    public static bool IsEquivalent(V1RuntimeClass desired, V1RuntimeClass existing) =>
        desired.Handler == existing.Handler && SameOverhead(desired.Overhead, existing.Overhead) && SameScheduling(desired.Scheduling, existing.Scheduling);

    /// <summary>Whether only a delete and create can turn <paramref name="existing"/> into <paramref name="desired"/>: <c>handler</c> is immutable.</summary>
    public static bool NeedsRecreate(V1RuntimeClass desired, V1RuntimeClass existing) => desired.Handler != existing.Handler;

    private static bool SameOverhead(V1Overhead? left, V1Overhead? right)
    {
        var leftFixed = left?.PodFixed ?? new Dictionary<string, ResourceQuantity>();
        var rightFixed = right?.PodFixed ?? new Dictionary<string, ResourceQuantity>();
        return leftFixed.Count == rightFixed.Count
            && leftFixed.All(entry => rightFixed.TryGetValue(entry.Key, out var other) && other is not null && entry.Value?.ToDecimal() == other.ToDecimal());
    }

    private static bool SameScheduling(V1Scheduling? left, V1Scheduling? right)
    {
        var leftSelector = left?.NodeSelector ?? new Dictionary<string, string>();
        var rightSelector = right?.NodeSelector ?? new Dictionary<string, string>();
        var sameSelector = leftSelector.Count == rightSelector.Count
            && leftSelector.All(entry => rightSelector.TryGetValue(entry.Key, out var value) && value == entry.Value);
        return sameSelector && Tolerations(left).SequenceEqual(Tolerations(right));
    }

    private static IEnumerable<(string?, string?, string?, string?, long?)> Tolerations(V1Scheduling? scheduling) =>
        (scheduling?.Tolerations ?? [])
            .Select(toleration => (toleration?.Key, toleration?.OperatorProperty, toleration?.Value, toleration?.Effect, toleration?.TolerationSeconds))
            .Order();
}
