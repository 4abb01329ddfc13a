using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Patching.Schema;

namespace HyperVIsolation.LocalApiServer.Patching.Strategic;

/// <summary>
/// Merges a list of a strategic merge patch: lists with a merge key merge item by item, primitive
/// merge lists are unions, every other list is replaced.
/// </summary>
internal static class StrategicListMerger
{
    public static JsonArray Merge(JsonArray? original, JsonArray patch, SchemaNode schema) => schema.Strategy switch
    {
        FieldStrategy.ListMap => MergeByKey(original, patch, schema),
        FieldStrategy.Set => Union(original, patch),
        _ => (JsonArray)patch.DeepClone(),
    };

    private static JsonArray Union(JsonArray? original, JsonArray patch)
    {
        var items = Copy(original);
        foreach (var item in patch.Where(item => !items.Any(existing => JsonNode.DeepEquals(existing, item))))
        {
            items.Add(item?.DeepClone());
        }

        return new JsonArray([.. items]);
    }

    /// <summary>Merges items by the strategic merge key: the first key of the list map.</summary>
    private static JsonArray MergeByKey(JsonArray? original, JsonArray patch, SchemaNode schema)
    {
        var mergeKey = schema.Keys[0].Name;
        var replaceAll = patch.Any(IsReplaceMarker);
        var items = replaceAll ? [] : Copy(original);
        foreach (var patchItem in patch.Where(item => !IsReplaceMarker(item)))
        {
            var patchObject = patchItem as JsonObject
                ?? throw PatchException.BadRequest($"the items of a list merged by \"{mergeKey}\" must be objects");
            var key = patchObject[mergeKey]
                ?? throw PatchException.BadRequest($"map: {patchObject.ToJsonString()} does not contain declared merge key: {mergeKey}");
            MergeItem(items, patchObject, mergeKey, key, schema.Items);
        }

        return new JsonArray([.. items]);
    }

    private static void MergeItem(List<JsonNode?> items, JsonObject patchItem, string mergeKey, JsonNode key, SchemaNode itemSchema)
    {
        var index = items.FindIndex(item => item is JsonObject obj && JsonNode.DeepEquals(obj[mergeKey], key));
        if (PatchDirectives.KindOf(patchItem) == PatchDirectiveKind.Delete)
        {
            items.RemoveAll(item => item is JsonObject obj && JsonNode.DeepEquals(obj[mergeKey], key));
            return;
        }

        if (index < 0)
        {
            items.Add(StrategicObjectMerger.Merge(null, patchItem, itemSchema));
            return;
        }

        items[index] = StrategicObjectMerger.Merge(items[index] as JsonObject, patchItem, itemSchema);
    }

    /// <summary>The item <c>{"$patch": "replace"}</c> makes the patch list replace the original.</summary>
    private static bool IsReplaceMarker(JsonNode? item) =>
        item is JsonObject obj && obj.Count == 1 && PatchDirectives.StringOf(obj[PatchDirectives.Patch]) == "replace";

    private static List<JsonNode?> Copy(JsonArray? list) => list?.Select(item => item?.DeepClone()).ToList() ?? [];
}
