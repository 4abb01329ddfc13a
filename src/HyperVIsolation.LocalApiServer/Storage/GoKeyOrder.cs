using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Resources;

namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>
/// Puts map keys in the order Go's encoder writes them (byte order), so what clients read and diff
/// matches kube-apiserver: every object of a custom resource is a map there (all keys sorted); built-in
/// kinds are structs (fields in declaration order: <c>kind</c>, <c>apiVersion</c> and <c>metadata</c>
/// first) whose map-typed fields are sorted.
/// </summary>
internal static class GoKeyOrder
{
    // Map-typed fields of the built-in kinds served here, wherever they appear.
    private static readonly HashSet<string> MapFields = new(StringComparer.Ordinal)
    {
        "labels", "annotations", "data", "binaryData", "stringData", "nodeSelector", "matchLabels",
        "limits", "requests", "overhead", "podFixed", "capacity", "allocatable",
    };

    /// <summary>Reorders <paramref name="obj"/> in place.</summary>
    public static void Apply(ResourceDefinition resource, JsonObject obj)
    {
        if (resource.Custom is not null)
        {
            SortDeep(obj);
            return;
        }

        LeadWithTypeAndObjectMeta(obj);
        SortMapFields(obj);
        if (resource.StorageKey == "services" && obj["spec"]?["selector"] is JsonObject selector)
        {
            Sort(selector);
        }
    }

    private static void LeadWithTypeAndObjectMeta(JsonObject obj)
    {
        string[] leading = ["kind", "apiVersion", "metadata"];
        var keys = obj.Select(p => p.Key).ToList();
        var expected = leading.Where(obj.ContainsKey).ToList();
        if (keys.Take(expected.Count).SequenceEqual(expected))
        {
            return;
        }

        var properties = obj.OrderBy(p => Array.IndexOf(leading, p.Key) is var i && i >= 0 ? i : leading.Length).ToList();
        obj.Clear();
        foreach (var (key, value) in properties)
        {
            obj[key] = value;
        }
    }

    private static void SortDeep(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    SortDeep(child);
                }

                Sort(obj);
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    SortDeep(child);
                }

                break;
        }
    }

    private static void SortMapFields(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    if (MapFields.Contains(key) && child is JsonObject map)
                    {
                        Sort(map);
                    }
                    else
                    {
                        SortMapFields(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    SortMapFields(child);
                }

                break;
        }
    }

    private static void Sort(JsonObject obj)
    {
        if (IsSorted(obj))
        {
            return;
        }

        var properties = obj.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        obj.Clear();
        foreach (var (key, value) in properties)
        {
            obj[key] = value;
        }
    }

    private static bool IsSorted(JsonObject obj)
    {
        string? previous = null;
        foreach (var (key, _) in obj)
        {
            if (previous is not null && string.CompareOrdinal(previous, key) > 0)
            {
                return false;
            }

            previous = key;
        }

        return true;
    }
}
