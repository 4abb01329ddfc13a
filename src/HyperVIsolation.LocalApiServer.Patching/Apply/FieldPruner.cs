using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Patching.Schema;

namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>
/// Removes the fields a manager applied before and no longer applies, unless some manager still
/// owns them or something below them. Objects and lists left empty by the removal go too, so dropping the
/// last label does not leave <c>labels: {}</c> behind (nor the last container <c>containers: []</c>).
/// </summary>
internal static class FieldPruner
{
    public static void Prune(JsonObject merged, FieldSet dropped, FieldSet stillOwned, SchemaNode schema)
    {
        foreach (var path in dropped.MemberPaths().Where(path => !stillOwned.ContainsAtOrBelow(path)))
        {
            if (Remove(merged, path, schema))
            {
                RemoveEmptiedAncestors(merged, path, stillOwned, schema);
            }
        }
    }

    private static void RemoveEmptiedAncestors(JsonObject merged, IReadOnlyList<string> path, FieldSet stillOwned, SchemaNode schema)
    {
        for (var length = path.Count - 1; length > 0; length--)
        {
            var ancestor = path.Take(length).ToArray();
            var isEmpty = Navigate(merged, ancestor, schema) is { Value: JsonObject { Count: 0 } or JsonArray { Count: 0 } };
            if (!isEmpty || !ancestor[^1].StartsWith("f:", StringComparison.Ordinal)
                || IgnoredFields.IsIgnored(ancestor) || stillOwned.ContainsAtOrBelow(ancestor)
                || !Remove(merged, ancestor, schema))
            {
                return;
            }
        }
    }

    private static bool Remove(JsonObject root, IReadOnlyList<string> path, SchemaNode schema)
    {
        var parent = Navigate(root, path.Take(path.Count - 1).ToArray(), schema);
        var element = path[^1];
        switch (parent?.Value)
        {
            case JsonObject obj when element.StartsWith("f:", StringComparison.Ordinal):
                // A surviving list-map item must keep its key fields.
                return !(parent.Value.ListSchema?.IsKeyField(element[2..]) ?? false) && obj.Remove(element[2..]);
            case JsonArray list:
                var index = IndexOf(list, element, parent.Value.Schema);
                if (index >= 0)
                {
                    list.RemoveAt(index);
                }

                return index >= 0;
            default:
                return false;
        }
    }

    /// <summary>Follows encoded path elements through the object; null when the path does not exist.</summary>
    private static FieldPosition? Navigate(JsonNode root, IReadOnlyList<string> path, SchemaNode schema)
    {
        var position = new FieldPosition(root, schema, null);
        foreach (var element in path)
        {
            var next = Step(position, element);
            if (next is null)
            {
                return null;
            }

            position = next.Value;
        }

        return position;
    }

    private static FieldPosition? Step(FieldPosition position, string element)
    {
        if (position.Value is JsonObject obj && element.StartsWith("f:", StringComparison.Ordinal))
        {
            var name = element[2..];
            return obj.TryGetPropertyValue(name, out var child) && child is not null
                ? new FieldPosition(child, position.Schema.Field(name), null)
                : null;
        }

        if (position.Value is JsonArray list)
        {
            var index = IndexOf(list, element, position.Schema);
            return index >= 0 && list[index] is { } item ? new FieldPosition(item, position.Schema.Items, position.Schema) : null;
        }

        return null;
    }

    private static int IndexOf(JsonArray list, string element, SchemaNode listSchema)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (ValueChildren.ElementOf(list[i], listSchema) == element)
            {
                return i;
            }
        }

        return -1;
    }
}
