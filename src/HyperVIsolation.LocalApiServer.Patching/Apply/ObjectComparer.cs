using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Patching.Schema;

namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>
/// Compares two versions of an object field by field. A field present on one side only is
/// added or removed together with everything below it; a leaf present on both sides with
/// different values is modified.
/// </summary>
internal static class ObjectComparer
{
    public static FieldComparison Compare(JsonObject before, JsonObject after, SchemaNode schema)
    {
        var comparison = new FieldComparison(new FieldSet(), new FieldSet(), new FieldSet());
        Visit(before, after, schema, [], comparison);
        return new FieldComparison(
            IgnoredFields.Strip(comparison.Added),
            IgnoredFields.Strip(comparison.Modified),
            IgnoredFields.Strip(comparison.Removed));
    }

    private static void Visit(JsonNode? before, JsonNode? after, SchemaNode schema, List<string> path, FieldComparison comparison)
    {
        if (IsComparedWhole(before, after, schema))
        {
            if (!JsonNode.DeepEquals(before, after))
            {
                comparison.Modified.Insert(path);
            }

            return;
        }

        var beforeChildren = Index(ValueChildren.Of(before, schema, strict: false));
        var afterChildren = Index(ValueChildren.Of(after, schema, strict: false));
        foreach (var element in beforeChildren.Keys.Concat(afterChildren.Keys).Distinct())
        {
            path.Add(element);
            var inBefore = beforeChildren.TryGetValue(element, out var left);
            var inAfter = afterChildren.TryGetValue(element, out var right);
            if (!inBefore)
            {
                InsertAll(comparison.Added, right, path);
            }
            else if (!inAfter)
            {
                InsertAll(comparison.Removed, left, path);
            }
            else
            {
                Visit(left.Value, right.Value, right.Schema, path, comparison);
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    /// <summary>Leaves, values whose kind changed and empty objects on both sides compare as one value.</summary>
    private static bool IsComparedWhole(JsonNode? before, JsonNode? after, SchemaNode schema) =>
        ValueChildren.IsLeaf(before, schema)
        || ValueChildren.IsLeaf(after, schema)
        || before!.GetValueKind() != after!.GetValueKind()
        || (before is JsonObject { Count: 0 } && after is JsonObject { Count: 0 });

    private static void InsertAll(FieldSet set, ValueChild child, List<string> path)
    {
        set.Insert(path);
        foreach (var grandChild in ValueChildren.Of(child.Value, child.Schema, strict: false))
        {
            path.Add(grandChild.Element);
            InsertAll(set, grandChild, path);
            path.RemoveAt(path.Count - 1);
        }
    }

    private static Dictionary<string, ValueChild> Index(List<ValueChild> children) =>
        children.ToDictionary(child => child.Element, StringComparer.Ordinal);
}
