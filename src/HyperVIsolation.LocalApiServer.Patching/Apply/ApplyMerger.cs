using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Patching.Schema;

namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>
/// Merges an applied configuration into the live object: the configuration wins on every field
/// it sets, objects merge by field, list maps and sets merge by item, atomic values are replaced.
/// </summary>
internal static class ApplyMerger
{
    public static JsonNode? Merge(JsonNode? live, JsonNode? configuration, SchemaNode schema)
    {
        if (live is null || ValueChildren.IsLeaf(configuration, schema) || ValueChildren.IsLeaf(live, schema)
            || live.GetValueKind() != configuration!.GetValueKind())
        {
            return configuration?.DeepClone();
        }

        return configuration is JsonObject configObject
            ? MergeObject((JsonObject)live, configObject, schema)
            : MergeList((JsonArray)live, (JsonArray)configuration, schema);
    }

    private static JsonObject MergeObject(JsonObject live, JsonObject configuration, SchemaNode schema)
    {
        var result = (JsonObject)live.DeepClone();
        foreach (var (name, value) in configuration)
        {
            result[name] = Merge(live[name], value, schema.Field(name));
        }

        return result;
    }

    /// <summary>
    /// Keeps live-only items where they are and configuration items in configuration order, like
    /// structured-merge-diff's list merge.
    /// </summary>
    private static JsonArray MergeList(JsonArray live, JsonArray configuration, SchemaNode schema)
    {
        var liveItems = ValueChildren.Of(live, schema, strict: false);
        var configItems = ValueChildren.Of(configuration, schema, strict: true);
        var liveByElement = liveItems.ToDictionary(item => item.Element, StringComparer.Ordinal);
        var configElements = configItems.Select(item => item.Element).ToHashSet(StringComparer.Ordinal);
        var result = new List<JsonNode?>();
        int l = 0, c = 0;
        while (l < liveItems.Count || c < configItems.Count)
        {
            if (l < liveItems.Count && !configElements.Contains(liveItems[l].Element))
            {
                result.Add(liveItems[l++].Value?.DeepClone());
            }
            else if (c < configItems.Count)
            {
                var configItem = configItems[c++];
                var liveValue = liveByElement.TryGetValue(configItem.Element, out var match) ? match.Value : null;
                result.Add(Merge(liveValue, configItem.Value, configItem.Schema));
            }
            else
            {
                l++;
            }
        }

        return new JsonArray([.. result]);
    }
}
