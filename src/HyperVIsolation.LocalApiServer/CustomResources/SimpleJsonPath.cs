using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HyperVIsolation.LocalApiServer.CustomResources;

/// <summary>
/// The JSONPath subset CRD printer columns and scale paths use: <c>.a.b</c>, <c>.a[0]</c> and
/// <c>.conditions[?(@.type=="Ready")].status</c>.
/// </summary>
public static partial class SimpleJsonPath
{
    /// <summary>Reads the value at <paramref name="path"/>, or null.</summary>
    public static JsonNode? Read(JsonNode? root, string path)
    {
        var node = root;
        foreach (Match step in StepPattern().Matches(path))
        {
            if (node is null)
            {
                return null;
            }

            if (step.Groups["field"].Success)
            {
                node = node is JsonObject o ? o[step.Groups["field"].Value] : null;
            }
            else if (step.Groups["index"].Success)
            {
                var index = int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                node = node is JsonArray a && index < a.Count ? a[index] : null;
            }
            else
            {
                var key = step.Groups["key"].Value;
                var value = step.Groups["value"].Value;
                node = (node as JsonArray)?.OfType<JsonObject>().FirstOrDefault(i => i[key]?.ToString() == value);
            }
        }

        return node;
    }

    /// <summary>Writes <paramref name="value"/> at a dotted path, creating objects on the way.</summary>
    public static void Write(JsonObject root, string path, JsonNode? value)
    {
        var fields = path.TrimStart('.').Split('.');
        var current = root;
        foreach (var field in fields[..^1])
        {
            if (current[field] is not JsonObject next)
            {
                next = [];
                current[field] = next;
            }

            current = next;
        }

        current[fields[^1]] = value;
    }

    [GeneratedRegex("""\.(?<field>[A-Za-z0-9_\-]+)|\[(?<index>[0-9]+)\]|\[\?\(@\.(?<key>[A-Za-z0-9_\-]+)\s*==\s*["'](?<value>[^"']*)["']\)\]""")]
    private static partial Regex StepPattern();
}
