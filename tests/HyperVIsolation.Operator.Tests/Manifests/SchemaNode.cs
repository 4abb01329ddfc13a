using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Manifests;

/// <summary>One node of an OpenAPI schema tree, with its path and whether it is a named property.</summary>
internal sealed record SchemaNode(string Path, V1JSONSchemaProps Schema, bool IsProperty)
{
    /// <summary>Every node below (and including) the root: properties, items and additionalProperties.</summary>
    public static IEnumerable<SchemaNode> Walk(V1JSONSchemaProps root, string path = "")
    {
        yield return new SchemaNode(path, root, IsProperty: false);
        foreach (var node in Children(root, path).SelectMany(child => WalkFrom(child)))
        {
            yield return node;
        }
    }

    /// <summary>The node at a dotted path such as <c>spec.template.containers[]</c>.</summary>
    public static V1JSONSchemaProps At(V1JSONSchemaProps root, string path) =>
        Walk(root).Single(node => node.Path == "." + path).Schema;

    private static IEnumerable<SchemaNode> WalkFrom(SchemaNode node)
    {
        yield return node;
        foreach (var child in Children(node.Schema, node.Path).SelectMany(WalkFrom))
        {
            yield return child;
        }
    }

    private static IEnumerable<SchemaNode> Children(V1JSONSchemaProps schema, string path)
    {
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            yield return new SchemaNode($"{path}.{name}", property, IsProperty: true);
        }

        if (schema.Items is V1JSONSchemaProps items)
        {
            yield return new SchemaNode(path + "[]", items, IsProperty: false);
        }

        if (schema.AdditionalProperties is V1JSONSchemaProps values)
        {
            yield return new SchemaNode(path + "{}", values, IsProperty: false);
        }
    }
}
