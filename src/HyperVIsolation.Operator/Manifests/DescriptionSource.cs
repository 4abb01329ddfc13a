using System.Reflection;

namespace HyperVIsolation.Operator.Manifests;

/// <summary>
/// Where schema descriptions come from: the XML doc comments of our own types, and
/// <see cref="KubernetesModelFields"/> for KubernetesClient models. A member without a summary
/// fails generation, so every field in the CRD is explained to <c>kubectl explain</c> users.
/// </summary>
internal sealed class DescriptionSource
{
    private readonly Dictionary<Assembly, XmlDocumentation> _documentation = [];

    public string ForType(Type type)
    {
        if (KubernetesModelFields.Covers(type))
        {
            return KubernetesModelFields.DescribeType(type);
        }

        return DocumentationOf(type.Assembly).ForType(type)
            ?? throw Missing($"type {type.FullName}");
    }

    public string ForProperty(PropertyInfo property)
    {
        var owner = property.DeclaringType!;
        if (KubernetesModelFields.Covers(owner))
        {
            return KubernetesModelFields.Field(owner, property.Name).Description;
        }

        return DocumentationOf(owner.Assembly).ForProperty(property)
            ?? throw Missing($"property {owner.FullName}.{property.Name}");
    }

    private XmlDocumentation DocumentationOf(Assembly assembly)
    {
        if (!_documentation.TryGetValue(assembly, out var documentation))
        {
            documentation = XmlDocumentation.Load(assembly);
            _documentation[assembly] = documentation;
        }

        return documentation;
    }

    private static ManifestGenerationException Missing(string what) =>
        new($"The {what} has no <summary> doc comment; CRD descriptions are generated from them.");
}
