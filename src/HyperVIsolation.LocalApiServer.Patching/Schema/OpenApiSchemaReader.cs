using System.Text.Json;
using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Patching.Schema;

/// <summary>
/// Reads merge strategies from a CRD's structural <c>openAPIV3Schema</c>: the
/// <c>x-kubernetes-list-type</c>, <c>x-kubernetes-list-map-keys</c> and <c>x-kubernetes-map-type</c>
/// extensions. As on a real server, lists without a list type are atomic.
/// </summary>
internal static class OpenApiSchemaReader
{
    public static SchemaNode Read(JsonNode? schema)
    {
        var root = new SchemaNode();
        Fill(root, schema as JsonObject);
        return root;
    }

    private static void Fill(SchemaNode node, JsonObject? schema)
    {
        if (schema is null)
        {
            return;
        }

        ReadStrategy(node, schema);
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, property) in properties)
            {
                Fill(node.GetOrAddField(name), property as JsonObject);
            }
        }

        if (schema["additionalProperties"] is JsonObject values)
        {
            Fill(node.GetOrAddMapValues(), values);
        }

        if (schema["items"] is JsonObject items)
        {
            Fill(node.GetOrAddItems(), items);
        }
    }

    private static void ReadStrategy(SchemaNode node, JsonObject schema)
    {
        var listType = StringOf(schema["x-kubernetes-list-type"]);
        if (listType == "map")
        {
            node.SetStrategy(FieldStrategy.ListMap, ReadKeys(schema));
        }
        else if (listType == "set")
        {
            node.SetStrategy(FieldStrategy.Set);
        }
        else if (listType == "atomic" || StringOf(schema["type"]) == "array")
        {
            node.SetStrategy(FieldStrategy.Atomic);
        }
        else if (StringOf(schema["x-kubernetes-map-type"]) == "atomic")
        {
            node.SetStrategy(FieldStrategy.Atomic);
        }
    }

    private static ListMapKey[] ReadKeys(JsonObject schema)
    {
        var itemProperties = (schema["items"] as JsonObject)?["properties"] as JsonObject;
        var names = schema["x-kubernetes-list-map-keys"] as JsonArray ?? [];
        return [.. names
            .Select(StringOf)
            .OfType<string>()
            .Select(name => new ListMapKey(name, ((itemProperties?[name] as JsonObject)?["default"])?.DeepClone()))];
    }

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
