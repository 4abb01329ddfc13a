using k8s.Models;

namespace HyperVIsolation.ControllerRuntime.Selectors;

/// <summary>
/// Evaluates a Kubernetes label selector against a label set: every <c>matchLabels</c> pair and
/// every <c>matchExpressions</c> requirement (In, NotIn, Exists, DoesNotExist) must hold. A null
/// or empty selector matches everything, as for an IsolationPolicy's <c>namespaceSelector</c>.
/// A requirement with an unknown operator matches nothing, like the API server, which refuses
/// to turn such a selector into a selector at all. The operator's policy scope and the local API
/// server's webhook selectors both use it.
/// </summary>
public static class LabelSelectorMatcher
{
    /// <summary>Whether <paramref name="selector"/> is missing or has no term (it selects everything).</summary>
    /// <param name="selector">The selector.</param>
    /// <returns>Whether it is empty.</returns>
    public static bool IsEmpty(V1LabelSelector? selector) =>
        selector is null || ((selector.MatchLabels?.Count ?? 0) == 0 && (selector.MatchExpressions?.Count ?? 0) == 0);

    /// <summary>Whether <paramref name="labels"/> satisfy <paramref name="selector"/>.</summary>
    /// <param name="selector">The selector.</param>
    /// <param name="labels">The labels.</param>
    /// <returns>Whether they match.</returns>
    public static bool Matches(V1LabelSelector? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is null)
        {
            return true;
        }

        if (selector.MatchLabels is { } matchLabels)
        {
            foreach (var (key, value) in matchLabels)
            {
                if (!labels.TryGetValue(key, out var actual) || actual != value)
                {
                    return false;
                }
            }
        }

        for (var index = 0; index < (selector.MatchExpressions?.Count ?? 0); index++)
        {
            if (!Satisfies(selector.MatchExpressions![index], labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every label key the selector reads; changing one of them can change what it matches.</summary>
    /// <param name="selector">The selector.</param>
    /// <returns>The keys, each once.</returns>
    public static IEnumerable<string> KeysOf(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return [];
        }

        return (selector.MatchLabels?.Keys ?? Enumerable.Empty<string>())
            .Concat((selector.MatchExpressions ?? []).Select(requirement => requirement.Key))
            .Where(key => !string.IsNullOrEmpty(key))
            .Distinct(StringComparer.Ordinal);
    }

    private static bool Satisfies(V1LabelSelectorRequirement requirement, IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(requirement.Key ?? string.Empty, out var value);
        var values = requirement.Values ?? [];
        return requirement.OperatorProperty switch
        {
            "In" => present && values.Contains(value),
            "NotIn" => !present || !values.Contains(value),
            "Exists" => present,
            "DoesNotExist" => !present,
            _ => false,
        };
    }
}
