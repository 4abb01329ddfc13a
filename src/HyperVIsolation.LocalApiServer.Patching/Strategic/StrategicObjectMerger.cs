using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Patching.Schema;

namespace HyperVIsolation.LocalApiServer.Patching.Strategic;

/// <summary>
/// Merges a strategic merge patch object into an object: fields merge recursively, <c>null</c>
/// deletes, lists follow their schema strategy, and the <c>$</c> directives apply.
/// </summary>
internal static class StrategicObjectMerger
{
    /// <summary>
    /// Merges <paramref name="patch"/> into <paramref name="original"/>, which this call owns and
    /// may modify. Returns null when the patch deletes the object (<c>$patch: delete</c>).
    /// </summary>
    public static JsonObject? Merge(JsonObject? original, JsonObject patch, SchemaNode schema)
    {
        switch (PatchDirectives.KindOf(patch))
        {
            case PatchDirectiveKind.Delete:
                return null;
            case PatchDirectiveKind.Replace:
                original = null;
                break;
        }

        var result = original ?? [];
        DeleteFromPrimitiveLists(result, patch);
        foreach (var (name, value) in patch.ToArray())
        {
            if (!PatchDirectives.IsDirective(name))
            {
                MergeField(result, name, value, schema.Field(name));
            }
        }

        ElementOrder.Apply(result, patch, schema);
        RetainKeys(result, patch);
        return result;
    }

    private static void MergeField(JsonObject result, string name, JsonNode? patchValue, SchemaNode schema)
    {
        result.TryGetPropertyValue(name, out var current);
        switch (patchValue)
        {
            case null:
                result.Remove(name);
                break;
            case JsonObject patchObject:
                MergeObjectField(result, name, current as JsonObject, patchObject, schema);
                break;
            case JsonArray patchList:
                result[name] = StrategicListMerger.Merge(current as JsonArray, patchList, schema);
                break;
            default:
                result[name] = patchValue.DeepClone();
                break;
        }
    }

    private static void MergeObjectField(JsonObject result, string name, JsonObject? current, JsonObject patch, SchemaNode schema)
    {
        var merged = Merge(current, patch, schema);
        if (merged is null)
        {
            result.Remove(name);
        }
        else if (!ReferenceEquals(merged, current))
        {
            result[name] = merged;
        }
    }

    private static void DeleteFromPrimitiveLists(JsonObject result, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (!key.StartsWith(PatchDirectives.DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var toDelete = PatchDirectives.ListOf(value, key);
            var field = key[PatchDirectives.DeleteFromPrimitiveListPrefix.Length..];
            if (result[field] is JsonArray list)
            {
                result[field] = new JsonArray([.. list
                    .Where(item => !toDelete.Any(deleted => JsonNode.DeepEquals(deleted, item)))
                    .Select(item => item?.DeepClone())]);
            }
        }
    }

    private static void RetainKeys(JsonObject result, JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(PatchDirectives.RetainKeys, out var value))
        {
            return;
        }

        var retained = PatchDirectives.ListOf(value, PatchDirectives.RetainKeys)
            .Select(key => PatchDirectives.StringOf(key) ?? throw PatchException.BadRequest("$retainKeys must list field names"))
            .ToHashSet(StringComparer.Ordinal);
        var unlisted = patch.Select(p => p.Key).FirstOrDefault(key => !PatchDirectives.IsDirective(key) && !retained.Contains(key));
        if (unlisted is not null)
        {
            throw PatchException.Invalid($"doesn't match $retainKeys: field \"{unlisted}\" is not listed");
        }

        foreach (var key in result.Select(p => p.Key).Where(key => !retained.Contains(key)).ToArray())
        {
            result.Remove(key);
        }
    }
}
