using HyperVIsolation.Api;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>The operator's mark on the cluster-visible objects it creates, and the only proof it may change or delete one.</summary>
public static class ManagedByLabel
{
    /// <summary>Whether <paramref name="resource"/> carries <c>app.kubernetes.io/managed-by=hyperv-isolation</c>.</summary>
    public static bool IsOn(IMetadata<V1ObjectMeta>? resource) =>
        resource?.Metadata?.Labels is { } labels
        && labels.TryGetValue(WellKnownLabels.ManagedBy, out var value)
        && value == WellKnownLabels.ManagedByValue;
}
