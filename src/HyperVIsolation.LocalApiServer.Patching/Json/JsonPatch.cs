using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Patching.Json;

/// <summary>
/// RFC 6902 JSON Patch (<c>application/json-patch+json</c>) with kube-apiserver's error mapping:
/// a patch that is not an array of objects is a 400 <c>BadRequest</c>; a failed <c>test</c>, a
/// missing path or an unknown operation is a 422 <c>Invalid</c>.
/// </summary>
public static class JsonPatch
{
    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="target"/>; inputs are not modified.</summary>
    /// <param name="target">The document to patch (usually a Kubernetes object).</param>
    /// <param name="patch">The JSON Patch document: an array of operations.</param>
    /// <returns>The patched copy; all operations succeed or the call throws.</returns>
    /// <exception cref="PatchException">The patch is malformed or an operation fails.</exception>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw PatchException.BadRequest("json patch must be a JSON array of operations");
        }

        JsonDepthGuard.Ensure(target, "the object");
        JsonDepthGuard.Ensure(patch, "the patch");
        var document = target?.DeepClone();
        for (var i = 0; i < operations.Count; i++)
        {
            document = ApplyOne(document, JsonPatchOperation.Decode(operations[i], i));
        }

        return document;
    }

    private static JsonNode? ApplyOne(JsonNode? document, JsonPatchOperation operation) => operation.Op switch
    {
        "add" => Add(document, operation.Path, operation.Value?.DeepClone()),
        "remove" => Remove(document, operation.Path, "remove", out _),
        "replace" => Add(Remove(document, operation.Path, "replace", out _), operation.Path, operation.Value?.DeepClone()),
        "move" => Move(document, operation.From!, operation.Path),
        "copy" => Add(document, operation.Path, ValueAt(document, operation.From!, "copy").DeepCloneOrNull()),
        "test" => Test(document, operation.Path, operation.Value),
        _ => throw PatchException.Invalid($"unexpected json patch operation \"{operation.Op}\""),
    };

    private static JsonNode? Add(JsonNode? document, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot)
        {
            return value;
        }

        switch (path.ResolveParent(document))
        {
            case JsonObject obj:
                obj[path.Last] = value;
                break;
            case JsonArray array:
                array.Insert(InsertionIndex(array, path), value);
                break;
            default:
                throw PatchException.Invalid($"add operation does not apply: \"{path.Text}\" has no parent container");
        }

        return document;
    }

    private static JsonNode? Remove(JsonNode? document, JsonPointer path, string op, out JsonNode? removed)
    {
        _ = ValueAt(document, path, op);
        if (path.IsRoot)
        {
            removed = document;
            return null;
        }

        switch (path.ResolveParent(document))
        {
            case JsonObject obj:
                removed = obj[path.Last];
                obj.Remove(path.Last);
                break;
            case JsonArray array:
                var index = int.Parse(path.Last, System.Globalization.CultureInfo.InvariantCulture);
                removed = array[index];
                array.RemoveAt(index);
                break;
            default:
                throw PatchException.Invalid($"{op} operation does not apply: \"{path.Text}\" does not exist");
        }

        return document;
    }

    private static JsonNode? Move(JsonNode? document, JsonPointer from, JsonPointer path)
    {
        if (path.IsStrictDescendantOf(from))
        {
            throw PatchException.Invalid($"move operation cannot move \"{from.Text}\" into its own child \"{path.Text}\"");
        }

        document = Remove(document, from, "move", out var value);
        return Add(document, path, value);
    }

    private static JsonNode? Test(JsonNode? document, JsonPointer path, JsonNode? expected)
    {
        var actual = ValueAt(document, path, "test");
        if (!JsonNode.DeepEquals(actual, expected))
        {
            throw PatchException.Invalid($"testing value {path.Text} failed");
        }

        return document;
    }

    private static JsonNode? ValueAt(JsonNode? document, JsonPointer path, string op)
    {
        var value = path.Resolve(document, out var found);
        return found ? value : throw PatchException.Invalid($"{op} operation does not apply: doc is missing path: \"{path.Text}\"");
    }

    private static int InsertionIndex(JsonArray array, JsonPointer path)
    {
        if (path.Last == "-")
        {
            return array.Count;
        }

        if (JsonPointer.TryParseIndex(path.Last, out var index) && index <= array.Count)
        {
            return index;
        }

        throw PatchException.Invalid($"add operation does not apply: index \"{path.Text}\" is out of bounds");
    }

    private static JsonNode? DeepCloneOrNull(this JsonNode? node) => node?.DeepClone();
}
