using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.CustomResources;

/// <summary>
/// Removes fields a structural schema does not declare (kube-apiserver's pruning) and reports their
/// paths, so that <c>fieldValidation=Strict</c> can reject and <c>Warn</c> can warn about them.
/// </summary>
public static class SchemaPruner
{
    /// <summary>Prunes <paramref name="obj"/> in place; returns the paths of removed fields.</summary>
    public static IReadOnlyList<string> Prune(JsonObject obj, JsonObject schema)
    {
        var removed = new List<string>();
        foreach (var (key, value) in obj.ToList())
        {
            if (key is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            PruneProperty(obj, key, value, schema, key, removed);
        }

        return removed;
    }

    private static void PruneNode(JsonNode? node, JsonObject schema, string path, List<string> removed)
    {
        if (PreservesUnknown(schema) && schema["properties"] is null)
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    PruneProperty(obj, key, value, schema, $"{path}.{key}", removed);
                }

                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    PruneNode(array[i], items, $"{path}[{i}]", removed);
                }

                break;
            default:
                break;
        }
    }

    private static void PruneProperty(JsonObject owner, string key, JsonNode? value, JsonObject schema, string path, List<string> removed)
    {
        if (schema["properties"]?[key] is JsonObject property)
        {
            PruneNode(value, property, path, removed);
            return;
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            PruneNode(value, additional, path, removed);
            return;
        }

        if (schema["additionalProperties"] is JsonValue allowed && allowed.GetValue<bool>())
        {
            return;
        }

        if (PreservesUnknown(schema) || schema["x-kubernetes-embedded-resource"] is not null)
        {
            return;
        }

        owner.Remove(key);
        removed.Add(path);
    }

    private static bool PreservesUnknown(JsonObject schema) =>
        schema["x-kubernetes-preserve-unknown-fields"] is JsonValue v && v.GetValue<bool>();
}
