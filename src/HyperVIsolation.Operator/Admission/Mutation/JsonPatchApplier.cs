using System.Text.Json.Nodes;

namespace HyperVIsolation.Operator.Admission.Mutation;

/// <summary>
/// Applies add, replace and remove operations to a JSON document the way the API server does,
/// so tests and callers can see the pod a patch produces. Paths that do not resolve throw
/// <see cref="InvalidOperationException"/>, like a patch the API server refuses.
/// </summary>
internal static class JsonPatchApplier
{
    /// <summary>Applies <paramref name="operations"/> to a copy of <paramref name="document"/>.</summary>
    public static JsonNode Apply(JsonNode document, IEnumerable<JsonPatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(operations);
        var root = document.DeepClone();
        foreach (var operation in operations)
        {
            root = ApplyOne(root, operation);
        }

        return root;
    }

    private static JsonNode ApplyOne(JsonNode root, JsonPatchOperation operation)
    {
        var tokens = JsonPointer.Parse(operation.Path);
        if (tokens.Count == 0)
        {
            return operation.Value?.DeepClone() ?? throw new InvalidOperationException("Cannot remove the document root.");
        }

        var parent = Resolve(root, tokens.Take(tokens.Count - 1));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                ApplyToObject(obj, last, operation);
                break;
            case JsonArray array:
                ApplyToArray(array, last, operation);
                break;
            default:
                throw new InvalidOperationException($"Path '{operation.Path}' does not resolve to a container.");
        }

        return root;
    }

    private static void ApplyToObject(JsonObject obj, string key, JsonPatchOperation operation)
    {
        switch (operation.Op)
        {
            case "add":
                obj[key] = operation.Value?.DeepClone();
                break;
            case "replace" when obj.ContainsKey(key):
                obj[key] = operation.Value?.DeepClone();
                break;
            case "remove" when obj.Remove(key):
                break;
            default:
                throw new InvalidOperationException($"Cannot {operation.Op} '{operation.Path}'.");
        }
    }

    private static void ApplyToArray(JsonArray array, string token, JsonPatchOperation operation)
    {
        var index = token == "-" ? array.Count : int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
        switch (operation.Op)
        {
            case "add" when index <= array.Count:
                array.Insert(index, operation.Value?.DeepClone());
                break;
            case "replace" when index < array.Count:
                array[index] = operation.Value?.DeepClone();
                break;
            case "remove" when index < array.Count:
                array.RemoveAt(index);
                break;
            default:
                throw new InvalidOperationException($"Cannot {operation.Op} '{operation.Path}'.");
        }
    }

    private static JsonNode Resolve(JsonNode root, IEnumerable<string> tokens)
    {
        var node = root;
        foreach (var token in tokens)
        {
            node = node switch
            {
                JsonObject obj when obj[token] is { } child => child,
                JsonArray array when int.TryParse(token, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < array.Count && array[index] is { } item => item,
                _ => throw new InvalidOperationException($"'{token}' does not exist."),
            };
        }

        return node;
    }
}
