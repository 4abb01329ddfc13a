using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Patching.Schema;

namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>
/// The fields an applied configuration sets, i.e. what its manager will own: every leaf, every
/// list-map or set item, never the objects on the way (structured-merge-diff's ToFieldSet).
/// </summary>
internal static class FieldSetBuilder
{
    public static FieldSet Build(JsonObject configuration, SchemaNode schema)
    {
        var set = new FieldSet();
        Visit(configuration, schema, set, isRoot: true);
        return IgnoredFields.Strip(set);
    }

    private static void Visit(JsonNode? value, SchemaNode schema, FieldSet node, bool isRoot)
    {
        // An empty object sets nothing below it, so owning the object itself is what it asks for.
        if (ValueChildren.IsLeaf(value, schema) || value is JsonObject { Count: 0 })
        {
            if (!isRoot)
            {
                node.MarkMember();
            }

            return;
        }

        foreach (var child in ValueChildren.Of(value, schema, strict: true))
        {
            var childNode = node.GetOrAddChild(child.Element);
            if (value is JsonArray)
            {
                childNode.MarkMember();
            }

            Visit(child.Value, child.Schema, childNode, isRoot: false);
        }
    }
}
