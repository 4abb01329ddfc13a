using System.Text.Json;
using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Patching.Json;

/// <summary>One decoded RFC 6902 operation: <c>{"op": "add", "path": "/a", "value": 1}</c>.</summary>
internal sealed record JsonPatchOperation(string Op, JsonPointer Path, JsonPointer? From, JsonNode? Value, bool HasValue)
{
    /// <summary>
    /// Decodes an operation. Like kube-apiserver, a non-object element is a malformed body (400),
    /// while a missing or wrongly typed member only fails when applied (422).
    /// </summary>
    public static JsonPatchOperation Decode(JsonNode? element, int position)
    {
        if (element is not JsonObject obj)
        {
            throw PatchException.BadRequest($"json patch operation {position} is not a JSON object");
        }

        var op = RequiredString(obj, "op", position);
        var path = JsonPointer.Parse(RequiredString(obj, "path", position));
        var from = op is "move" or "copy" ? JsonPointer.Parse(RequiredString(obj, "from", position)) : null;
        var hasValue = obj.TryGetPropertyValue("value", out var value);
        if (!hasValue && op is "add" or "replace" or "test")
        {
            throw PatchException.Invalid($"json patch operation {position} ({op}) is missing \"value\"");
        }

        return new JsonPatchOperation(op, path, from, value, hasValue);
    }

    private static string RequiredString(JsonObject obj, string name, int position)
    {
        if (obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        throw PatchException.Invalid($"json patch operation {position} is missing string member \"{name}\"");
    }
}
