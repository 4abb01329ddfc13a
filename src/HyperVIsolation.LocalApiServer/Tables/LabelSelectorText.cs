using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Tables;

/// <summary>apimachinery's <c>FormatLabelSelector</c>: requirements sorted by key, <c>&lt;none&gt;</c> when empty.</summary>
public static class LabelSelectorText
{
    /// <summary>The selector as kubectl prints it.</summary>
    public static string Format(JsonNode? selector)
    {
        var requirements = new List<(string Key, string Text)>();
        foreach (var (key, value) in selector?["matchLabels"] as JsonObject ?? [])
        {
            requirements.Add((key, $"{key}={JsonRead.Text(value)}"));
        }

        foreach (var expression in JsonRead.Objects(selector?["matchExpressions"]))
        {
            var key = JsonRead.Text(expression["key"]);
            var values = string.Join(',', ((expression["values"] as JsonArray) ?? []).Select(JsonRead.Text).Order(StringComparer.Ordinal));
            requirements.Add((key, JsonRead.Text(expression["operator"]) switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key,
                "DoesNotExist" => "!" + key,
                var other => $"{key} {other} ({values})",
            }));
        }

        var text = string.Join(',', requirements.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Text));
        return text.Length == 0 ? "<none>" : text;
    }
}
