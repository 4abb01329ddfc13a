using HyperVIsolation.Operator.Reconciliation;
using k8s.Models;

namespace HyperVIsolation.Operator.NetworkIsolation;

/// <summary>Which NetworkPolicies the operator may change or delete: only those carrying its managed-by label.</summary>
public static class NetworkPolicyOwnership
{
    /// <summary>Whether <paramref name="networkPolicy"/> carries the operator's managed-by label.</summary>
    public static bool IsOurs(V1NetworkPolicy? networkPolicy) => ManagedByLabel.IsOn(networkPolicy);
}
