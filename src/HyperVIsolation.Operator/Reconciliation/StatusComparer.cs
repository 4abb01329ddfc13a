using HyperVIsolation.Api.V1Alpha1;
using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Whether two statuses say the same thing, field by field (conditions matched by type, maps by
/// key), so the reconciler writes status only when it changed and a steady state costs no write.
/// </summary>
public static class StatusComparer
{
    /// <summary>
    /// Whether <paramref name="left"/> and <paramref name="right"/> are equivalent. Nothing is
    /// ignored; only an absent list and an empty one count as the same.
    /// </summary>
    public static bool AreEquivalent(IsolatedWorkloadStatus? left, IsolatedWorkloadStatus? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        return left.ObservedGeneration == right.ObservedGeneration
            && left.Replicas == right.Replicas
            && left.ReadyReplicas == right.ReadyReplicas
            && left.UpdatedReplicas == right.UpdatedReplicas
            && left.AvailableReplicas == right.AvailableReplicas
            && left.Selector == right.Selector
            && left.RuntimeClassName == right.RuntimeClassName
            && SameOs(left.Os, right.Os)
            && SameVm(left.Vm, right.Vm)
            && SameConditions(left.Conditions, right.Conditions);
    }

    private static bool SameOs(ResolvedOs? left, ResolvedOs? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        return left.Flavor == right.Flavor
            && left.Version == right.Version
            && left.Build == right.Build
            && SameList(left.CompatibleNodeBuilds, right.CompatibleNodeBuilds)
            && SameMap(left.Images, right.Images);
    }

    private static bool SameVm(ResolvedVm? left, ResolvedVm? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        return left.MemoryMiB == right.MemoryMiB && left.ProcessorCount == right.ProcessorCount && left.Summary == right.Summary;
    }

    private static bool SameConditions(List<V1Condition>? left, List<V1Condition>? right)
    {
        var leftByType = ByType(left);
        var rightByType = ByType(right);
        if (leftByType is null || rightByType is null)
        {
            return false;
        }

        return leftByType.Count == rightByType.Count
            && leftByType.All(entry => rightByType.TryGetValue(entry.Key, out var other) && SameCondition(entry.Value, other));
    }

    /// <summary>Conditions by type; <see langword="null"/> when a type repeats, which is never equivalent to anything.</summary>
    private static Dictionary<string, V1Condition>? ByType(List<V1Condition>? conditions)
    {
        var byType = new Dictionary<string, V1Condition>(StringComparer.Ordinal);
        foreach (var condition in conditions ?? [])
        {
            if (condition is null || !byType.TryAdd(condition.Type ?? string.Empty, condition))
            {
                return null;
            }
        }

        return byType;
    }

    private static bool SameCondition(V1Condition left, V1Condition right) =>
        left.Status == right.Status
        && left.Reason == right.Reason
        && left.Message == right.Message
        && left.ObservedGeneration == right.ObservedGeneration
        && left.LastTransitionTime.ToUniversalTime() == right.LastTransitionTime.ToUniversalTime();

    // An absent list and an empty one serialize alike once the API server has stored them.
    private static bool SameList(List<string>? left, List<string>? right) =>
        (left ?? []).SequenceEqual(right ?? [], StringComparer.Ordinal);

    private static bool SameMap(Dictionary<string, string>? left, Dictionary<string, string>? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        return left.Count == right.Count && left.All(entry => right.TryGetValue(entry.Key, out var value) && value == entry.Value);
    }
}
