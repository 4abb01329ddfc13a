using System.Globalization;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Scheduling;

/// <summary>
/// Matches a node against a pod's <c>nodeSelector</c> and required node affinity, as kube-scheduler's
/// NodeAffinity plugin does: selector labels must all be equal; affinity terms are ORed, the
/// expressions of a term ANDed; an empty term matches nothing.
/// </summary>
public static class NodeAffinityMatcher
{
    /// <summary>Whether <paramref name="node"/> satisfies the selector and the required affinity.</summary>
    public static bool Matches(V1Node node, IReadOnlyDictionary<string, string> nodeSelector, V1Affinity? affinity)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(nodeSelector);
        var labels = node.Metadata?.Labels ?? new Dictionary<string, string>();
        if (nodeSelector.Any(pair => !labels.TryGetValue(pair.Key, out var value) || value != pair.Value))
        {
            return false;
        }

        var required = affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        return required is null || (required.NodeSelectorTerms ?? []).Any(term => TermMatches(node, labels, term));
    }

    private static bool TermMatches(V1Node node, IDictionary<string, string> labels, V1NodeSelectorTerm term)
    {
        var expressions = term.MatchExpressions ?? [];
        var fields = term.MatchFields ?? [];
        if (expressions.Count == 0 && fields.Count == 0)
        {
            return false;
        }

        var nodeFields = new Dictionary<string, string>(StringComparer.Ordinal) { ["metadata.name"] = node.Metadata?.Name ?? string.Empty };
        return expressions.All(e => RequirementMatches(labels, e)) && fields.All(f => RequirementMatches(nodeFields, f));
    }

    /// <summary>One <c>key operator values</c> requirement against labels (or fields).</summary>
    public static bool RequirementMatches(IDictionary<string, string> labels, V1NodeSelectorRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(requirement);
        var has = labels.TryGetValue(requirement.Key, out var value);
        var values = requirement.Values ?? [];
        return requirement.OperatorProperty switch
        {
            "In" => has && values.Contains(value),
            "NotIn" => !has || !values.Contains(value),
            "Exists" => has,
            "DoesNotExist" => !has,
            "Gt" => has && Compare(value, values) is > 0,
            "Lt" => has && Compare(value, values) is < 0,
            _ => false,
        };
    }

    // Gt/Lt take exactly one integer value; anything else never matches.
    private static int? Compare(string? label, IList<string> values) =>
        values.Count == 1
        && long.TryParse(label, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var left)
        && long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var right)
            ? left.CompareTo(right)
            : null;
}
