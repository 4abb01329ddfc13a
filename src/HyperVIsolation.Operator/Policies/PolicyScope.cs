using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.Selectors;

namespace HyperVIsolation.Operator.Policies;

/// <summary>Which IsolationPolicies cover a namespace, and what mode results. Pure.</summary>
internal static class PolicyScope
{
    private static readonly Dictionary<string, string> NoLabels = [];

    /// <summary>The policies whose <c>namespaceSelector</c> matches <paramref name="namespaceLabels"/>, sorted by name.</summary>
    public static IReadOnlyList<IsolationPolicy> Covering(IEnumerable<IsolationPolicy> policies, IReadOnlyDictionary<string, string>? namespaceLabels)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var labels = namespaceLabels ?? NoLabels;

        // A loop rather than LINQ: every pod request asks, and most namespaces match one policy or none.
        var covering = new List<IsolationPolicy>(1);
        foreach (var policy in policies)
        {
            if (LabelSelectorMatcher.Matches(policy.Spec?.NamespaceSelector, labels))
            {
                covering.Add(policy);
            }
        }

        if (covering.Count > 1)
        {
            // OrderBy is stable and List.Sort is not: keep policies of the same name in their listed order.
            return [.. covering.OrderBy(policy => policy.Metadata?.Name ?? string.Empty, StringComparer.Ordinal)];
        }

        return covering;
    }

    /// <summary>Enforce when any covering policy enforces; Audit when all audit; null when none covers.</summary>
    public static PolicyMode? ModeOf(IReadOnlyList<IsolationPolicy> covering)
    {
        ArgumentNullException.ThrowIfNull(covering);
        if (covering.Count == 0)
        {
            return null;
        }

        return covering.Any(policy => (policy.Spec?.Mode ?? PolicyMode.Enforce) != PolicyMode.Audit)
            ? PolicyMode.Enforce
            : PolicyMode.Audit;
    }
}
