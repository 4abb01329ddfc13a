using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>Which RuntimeClasses the operator may change or delete: only those it created.</summary>
public static class RuntimeClassOwnership
{
    /// <summary>Whether <paramref name="runtimeClass"/> carries the operator's managed-by label.</summary>
    public static bool IsOurs(V1RuntimeClass? runtimeClass) => ManagedByLabel.IsOn(runtimeClass);
}
