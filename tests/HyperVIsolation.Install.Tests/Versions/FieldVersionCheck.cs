using YamlDotNet.RepresentationModel;

namespace HyperVIsolation.Install.Tests.Versions;

/// <summary>
/// Which fields of a set of manifests an API server of the declared minimum version would not
/// know, and which kinds or CRD schema keywords <see cref="KubernetesFieldVersions"/> does not classify.
/// </summary>
public static class FieldVersionCheck
{
    public static IReadOnlyList<string> Problems(IEnumerable<YamlMappingNode> documents, int minimumMinor) =>
        Problems(documents, minimumMinor, KubernetesFieldVersions.All);

    public static IReadOnlyList<string> Problems(
        IEnumerable<YamlMappingNode> documents, int minimumMinor, IReadOnlyDictionary<string, FieldIntroduction> table)
    {
        var problems = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var (kind, fields) = ManifestFields.Of(document);
            Check(kind, problems, minimumMinor, table);
            foreach (var field in fields)
            {
                if (field.StartsWith("schema:", StringComparison.Ordinal))
                {
                    Check(field, problems, minimumMinor, table);
                }
                else if (table.TryGetValue(field, out var introduction) && introduction.Minor > minimumMinor)
                {
                    problems.Add(Newer(introduction, minimumMinor));
                }
            }
        }

        return [.. problems];
    }

    private static void Check(string field, SortedSet<string> problems, int minimumMinor, IReadOnlyDictionary<string, FieldIntroduction> table)
    {
        if (!table.TryGetValue(field, out var introduction))
        {
            problems.Add($"{field}: not in KubernetesFieldVersions; add it with the first Kubernetes version that serves it and the source");
        }
        else if (introduction.Minor > minimumMinor)
        {
            problems.Add(Newer(introduction, minimumMinor));
        }
    }

    private static string Newer(FieldIntroduction introduction, int minimumMinor) =>
        $"{introduction.Field}: needs Kubernetes 1.{introduction.Minor} ({introduction.Source}), but the declared minimum is 1.{minimumMinor}";
}
