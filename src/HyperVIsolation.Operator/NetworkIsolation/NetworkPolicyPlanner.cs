using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Validation;
using k8s.Models;

namespace HyperVIsolation.Operator.NetworkIsolation;

/// <summary>
/// Decides, from the policies and namespaces alone, which NetworkPolicies each namespace should hold. Coverage
/// is the webhook's (<see cref="PolicyScope"/>, without the namespaces the webhook is never sent); only Enforce
/// policies restrict traffic, as only they deny pods.
/// Several covering policies give the union of their restrictions: a rule any of them asks for is kept once
/// under its fixed name, owned by every policy asking for it, and ingress is admitted only from namespaces
/// that every ingress-restricting policy admits. Pure.
/// </summary>
internal static class NetworkPolicyPlanner
{
    /// <summary>Plans every namespace.</summary>
    public static NetworkIsolationPlan Plan(IReadOnlyList<IsolationPolicy> policies, IReadOnlyList<V1Namespace> namespaces, ExcludedNamespaces? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(namespaces);
        var skipped = (excluded ?? ExcludedNamespaces.None).Names;
        var live = policies.Where(policy => policy.Metadata?.DeletionTimestamp is null && !string.IsNullOrEmpty(policy.Metadata?.Name)).ToList();
        var coverage = live.ToDictionary(policy => policy.Metadata.Name, _ => new List<string>(), StringComparer.Ordinal);
        var desired = new Dictionary<string, IReadOnlyList<V1NetworkPolicy>>(StringComparer.Ordinal);
        foreach (var ns in namespaces.Where(ns => IsActive(ns) && !skipped.Contains(ns.Metadata.Name)).OrderBy(ns => ns.Metadata.Name, StringComparer.Ordinal))
        {
            var name = ns.Metadata.Name;
            var covering = PolicyScope.Covering(live, LabelsOf(ns));
            foreach (var policy in covering)
            {
                coverage[policy.Metadata.Name].Add(name);
            }

            var rendered = Render(name, covering.Where(IsEnforced).ToList());
            if (rendered.Count > 0)
            {
                desired[name] = rendered;
            }
        }

        return new NetworkIsolationPlan(desired, coverage.ToDictionary(entry => entry.Key, entry => (IReadOnlyList<string>)entry.Value, StringComparer.Ordinal));
    }

    private static List<V1NetworkPolicy> Render(string namespaceName, IReadOnlyList<IsolationPolicy> enforced)
    {
        var rendered = new List<V1NetworkPolicy>(2);
        var restrictIngress = enforced.Where(policy => policy.Spec?.DenyCrossNamespaceTraffic == true).ToList();
        if (restrictIngress.Count > 0)
        {
            var admitted = NamespaceSelectorIntersection.Of([.. restrictIngress.Select(AdmittedNamespaces)]);
            rendered.Add(NetworkPolicyRenderer.DenyCrossNamespace(namespaceName, admitted, restrictIngress));
        }

        var blockMetadata = enforced.Where(policy => policy.Spec?.BlockInstanceMetadata ?? true).ToList();
        if (blockMetadata.Count > 0)
        {
            rendered.Add(NetworkPolicyRenderer.BlockInstanceMetadata(namespaceName, blockMetadata));
        }

        return rendered;
    }

    // A selector the API server would refuse in a NetworkPolicy admits nothing: failing closed keeps the
    // namespace isolated, and the policy's status reports the invalid spec.
    private static V1LabelSelector? AdmittedNamespaces(IsolationPolicy policy) =>
        IngressSelectorRules.Validate(policy.Spec.AllowIngressFrom, "spec.allowIngressFrom").Count == 0 ? policy.Spec.AllowIngressFrom : null;

    private static bool IsEnforced(IsolationPolicy policy) => (policy.Spec?.Mode ?? PolicyMode.Enforce) != PolicyMode.Audit;

    // A terminating namespace refuses new objects and takes its NetworkPolicies with it.
    private static bool IsActive(V1Namespace ns) =>
        !string.IsNullOrEmpty(ns.Metadata?.Name) && ns.Metadata.DeletionTimestamp is null && ns.Status?.Phase != "Terminating";

    private static IReadOnlyDictionary<string, string>? LabelsOf(V1Namespace ns) => ns.Metadata.Labels switch
    {
        null => null,
        IReadOnlyDictionary<string, string> readOnly => readOnly,
        var labels => new Dictionary<string, string>(labels, StringComparer.Ordinal),
    };
}
