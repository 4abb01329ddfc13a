using HyperVIsolation.Api;
using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>Which RuntimeClasses the operator may change or delete: only those it created.</summary>
public static class RuntimeClassOwnership
{
    /// <summary>Whether <paramref name="runtimeClass"/> carries the operator's managed-by label.</summary>
    public static bool IsOurs(V1RuntimeClass? runtimeClass) =>
        runtimeClass?.Metadata?.Labels is { } labels
        && labels.TryGetValue(WellKnownLabels.ManagedBy, out var value)
        && value == WellKnownLabels.ManagedByValue;
}
