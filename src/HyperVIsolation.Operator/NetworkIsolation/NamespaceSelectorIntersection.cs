using k8s.Models;

namespace HyperVIsolation.Operator.NetworkIsolation;

/// <summary>
/// The namespaces every one of several <c>allowIngressFrom</c> selectors admits, as one selector: a namespace
/// may send ingress only if each policy that restricts ingress would let it. Pure and deterministic (keys and
/// requirements sorted), so the same policies always render the same NetworkPolicy.
/// </summary>
internal static class NamespaceSelectorIntersection
{
    /// <summary>
    /// The selector matching what all of <paramref name="selectors"/> match; <see langword="null"/> (admit no
    /// other namespace) when any of them is null or there are none.
    /// </summary>
    public static V1LabelSelector? Of(IReadOnlyList<V1LabelSelector?> selectors)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        if (selectors.Count == 0 || selectors.Any(selector => selector is null))
        {
            return null;
        }

        // Labels two selectors pin to different values cannot both hold: the later ones become In requirements,
        // which a namespace then fails, exactly as it would fail the two selectors together.
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var requirements = new List<V1LabelSelectorRequirement>();
        foreach (var selector in selectors)
        {
            foreach (var (key, value) in selector!.MatchLabels ?? new Dictionary<string, string>())
            {
                if (!labels.TryAdd(key, value) && labels[key] != value)
                {
                    requirements.Add(new V1LabelSelectorRequirement { Key = key, OperatorProperty = "In", Values = [value] });
                }
            }

            requirements.AddRange((selector.MatchExpressions ?? []).Select(Normalised));
        }

        var distinct = requirements
            .DistinctBy(Identity, StringComparer.Ordinal)
            .OrderBy(Identity, StringComparer.Ordinal)
            .ToList();
        return new V1LabelSelector
        {
            MatchLabels = labels.Count == 0 ? null : new Dictionary<string, string>(labels, StringComparer.Ordinal),
            MatchExpressions = distinct.Count == 0 ? null : distinct,
        };
    }

    private static V1LabelSelectorRequirement Normalised(V1LabelSelectorRequirement requirement) => new()
    {
        Key = requirement.Key,
        OperatorProperty = requirement.OperatorProperty,
        Values = requirement.Values is { Count: > 0 } values ? [.. values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] : null,
    };

    private static string Identity(V1LabelSelectorRequirement requirement) =>
        string.Join('\u0000', [requirement.Key, requirement.OperatorProperty, .. requirement.Values ?? []]);
}
