using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Patching.Schema;

namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>
/// Decides how a value breaks down into fields, as structured-merge-diff sees it: object members
/// are <c>f:</c> children, list-map items <c>k:</c> children, set items <c>v:</c> children; scalars,
/// atomic values and plain lists are leaves.
/// </summary>
internal static class ValueChildren
{
    public static bool IsLeaf(JsonNode? value, SchemaNode schema) => schema.Strategy == FieldStrategy.Atomic || value switch
    {
        JsonObject => false,
        JsonArray => schema.Strategy is not (FieldStrategy.ListMap or FieldStrategy.Set),
        _ => true,
    };

    /// <summary>
    /// The children of a non-leaf value. <paramref name="strict"/> (for applied configurations)
    /// rejects list items without keys and duplicates; otherwise (live objects) they are skipped.
    /// </summary>
    public static List<ValueChild> Of(JsonNode? value, SchemaNode schema, bool strict)
    {
        if (IsLeaf(value, schema))
        {
            return [];
        }

        if (value is JsonObject obj)
        {
            return [.. obj.Select(member => new ValueChild("f:" + member.Key, member.Value, schema.Field(member.Key)))];
        }

        var children = new List<ValueChild>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in (JsonArray)value!)
        {
            var element = ElementOf(item, schema);
            if (element is not null && seen.Add(element))
            {
                children.Add(new ValueChild(element, item, schema.Items));
            }
            else if (strict)
            {
                throw PatchException.BadRequest(element is null
                    ? $"an item of a list keyed by {string.Join(", ", schema.Keys.Select(k => k.Name))} omits a key field"
                    : $"duplicate entries for key {element}");
            }
        }

        return children;
    }

    /// <summary>The <c>k:</c> or <c>v:</c> element of a list item; null when the item has no key.</summary>
    public static string? ElementOf(JsonNode? item, SchemaNode listSchema)
    {
        if (listSchema.Strategy == FieldStrategy.Set)
        {
            return item is JsonObject or JsonArray ? null : "v:" + CompactJson.Write(item);
        }

        if (item is not JsonObject obj)
        {
            return null;
        }

        var key = new JsonObject();
        foreach (var field in listSchema.Keys.OrderBy(k => k.Name, StringComparer.Ordinal))
        {
            var value = obj.TryGetPropertyValue(field.Name, out var present) ? present : field.Default;
            if (value is null)
            {
                return null;
            }

            key[field.Name] = value.DeepClone();
        }

        return "k:" + CompactJson.Write(key);
    }
}
