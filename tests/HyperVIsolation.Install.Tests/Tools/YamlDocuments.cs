using YamlDotNet.RepresentationModel;

namespace HyperVIsolation.Install.Tests.Tools;

/// <summary>The non-empty mapping documents of a YAML stream (kubectl, helm and kustomize output, manifest files).</summary>
public static class YamlDocuments
{
    public static IReadOnlyList<YamlMappingNode> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(document => document.RootNode).OfType<YamlMappingNode>().Where(root => root.Children.Count > 0)];
    }

    public static IReadOnlyList<YamlMappingNode> ReadFiles(string directory) =>
        [.. Directory.GetFiles(RepositoryRoot.Combine(directory), "*.yaml").Order(StringComparer.Ordinal)
            .Where(path => Path.GetFileName(path) != "kustomization.yaml")
            .SelectMany(path => Parse(File.ReadAllText(path)))];

    /// <summary><c>Kind/name</c>, or <c>Kind/namespace/name</c> for an object that names its namespace.</summary>
    public static string Identity(YamlMappingNode document)
    {
        var metadata = (YamlMappingNode)document["metadata"];
        var name = metadata["name"].ToString();
        return metadata.Children.TryGetValue("namespace", out var ns) ? $"{document["kind"]}/{ns}/{name}" : $"{document["kind"]}/{name}";
    }

    /// <summary>The scalar at a dotted path, or null when any step is missing.</summary>
    public static string? At(YamlNode node, string dottedPath)
    {
        foreach (var step in dottedPath.Split('.'))
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(step, out var next))
            {
                return null;
            }

            node = next;
        }

        return (node as YamlScalarNode)?.Value;
    }
}
