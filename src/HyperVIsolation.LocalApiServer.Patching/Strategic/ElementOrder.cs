using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Patching.Schema;

namespace HyperVIsolation.LocalApiServer.Patching.Strategic;

/// <summary>
/// Applies <c>$setElementOrder/&lt;field&gt;</c>: the listed items (by merge key, or by value for
/// primitive lists) come first in the given order; items the order does not mention keep their
/// relative order after them.
/// </summary>
internal static class ElementOrder
{
    public static void Apply(JsonObject result, JsonObject patch, SchemaNode schema)
    {
        foreach (var (key, value) in patch)
        {
            if (!key.StartsWith(PatchDirectives.SetElementOrderPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var order = PatchDirectives.ListOf(value, key);
            var field = key[PatchDirectives.SetElementOrderPrefix.Length..];
            if (result[field] is JsonArray list)
            {
                result[field] = Reorder(list, order, schema.Field(field));
            }
        }
    }

    private static JsonArray Reorder(JsonArray list, JsonArray order, SchemaNode schema)
    {
        var remaining = list.Select(item => item?.DeepClone()).ToList();
        var ordered = new List<JsonNode?>();
        foreach (var wanted in order)
        {
            var index = remaining.FindIndex(item => Matches(item, wanted, schema));
            if (index >= 0)
            {
                ordered.Add(remaining[index]);
                remaining.RemoveAt(index);
            }
        }

        return new JsonArray([.. ordered, .. remaining]);
    }

    private static bool Matches(JsonNode? item, JsonNode? wanted, SchemaNode schema)
    {
        if (schema.Strategy != FieldStrategy.ListMap)
        {
            return JsonNode.DeepEquals(item, wanted);
        }

        var mergeKey = schema.Keys[0].Name;
        return item is JsonObject obj && wanted is JsonObject key && JsonNode.DeepEquals(obj[mergeKey], key[mergeKey]);
    }
}
