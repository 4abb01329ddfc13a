using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Admission;

/// <summary>Evaluates a <c>metav1.LabelSelector</c> object (matchLabels, matchExpressions) against labels.</summary>
public static class LabelSelectorMatcher
{
    /// <summary>True for a missing or empty selector (it selects everything).</summary>
    public static bool IsEmpty(JsonNode? selector) =>
        selector is not JsonObject obj
        || ((obj["matchLabels"] as JsonObject)?.Count ?? 0) == 0 && ((obj["matchExpressions"] as JsonArray)?.Count ?? 0) == 0;

    /// <summary>True when <paramref name="labels"/> satisfy <paramref name="selector"/>.</summary>
    public static bool Matches(JsonNode? selector, JsonNode? labels)
    {
        if (IsEmpty(selector))
        {
            return true;
        }

        var set = (labels as JsonObject)?.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? string.Empty, StringComparer.Ordinal)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);
        var matchLabels = selector!["matchLabels"] as JsonObject ?? [];
        if (matchLabels.Any(p => !set.TryGetValue(p.Key, out var value) || value != p.Value?.ToString()))
        {
            return false;
        }

        return (selector["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>().All(e => ExpressionMatches(e, set));
    }

    private static bool ExpressionMatches(JsonObject expression, Dictionary<string, string> labels)
    {
        var key = expression["key"]?.ToString() ?? string.Empty;
        var values = (expression["values"] as JsonArray ?? []).Select(v => v?.ToString()).ToList();
        var present = labels.TryGetValue(key, out var value);
        return expression["operator"]?.ToString() switch
        {
            "In" => present && values.Contains(value),
            "NotIn" => !present || !values.Contains(value),
            "Exists" => present,
            "DoesNotExist" => !present,
            _ => false,
        };
    }
}
