using k8s.Models;

namespace HyperVIsolation.Operator.NetworkIsolation;

/// <summary>What <see cref="NetworkPolicyPlanner"/> decided for the whole cluster.</summary>
/// <param name="Desired">
/// By namespace, the NetworkPolicies it should hold, sorted by name; a namespace that should hold none of
/// ours is absent.
/// </param>
/// <param name="Coverage">By policy name, the namespaces the policy covers, sorted by name (terminating ones left out).</param>
internal sealed record NetworkIsolationPlan(
    IReadOnlyDictionary<string, IReadOnlyList<V1NetworkPolicy>> Desired,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Coverage)
{
    /// <summary>The NetworkPolicies <paramref name="namespaceName"/> should hold; empty when none.</summary>
    public IReadOnlyList<V1NetworkPolicy> DesiredIn(string namespaceName) => Desired.GetValueOrDefault(namespaceName) ?? [];
}
