using HyperVIsolation.Operator.Manifests;

namespace HyperVIsolation.Operator.Tests.Manifests;

/// <summary>Compares generated manifests with the files committed under a repository root, byte for byte.</summary>
internal static class ManifestDrift
{
    public const string Fix = "Run `dotnet run --project src/HyperVIsolation.Operator -- manifests --output config/` and commit the result.";

    public static IReadOnlyList<string> Find(GeneratedManifests manifests, string repositoryRoot)
    {
        var configCrds = Path.Combine(repositoryRoot, "config", "crd");
        var chartCrds = Path.Combine(repositoryRoot, "charts", "hyperv-isolation", "crds");
        return [
            .. Compare(configCrds, [.. manifests.Crds, manifests.Kustomization]),
            .. Compare(chartCrds, manifests.Crds),
        ];
    }

    private static IEnumerable<string> Compare(string directory, IEnumerable<ManifestFile> expected)
    {
        foreach (var file in expected)
        {
            var path = Path.Combine(directory, file.FileName);
            if (!File.Exists(path))
            {
                yield return $"{path} is missing.";
                continue;
            }

            var committed = File.ReadAllBytes(path);
            if (!committed.AsSpan().SequenceEqual(System.Text.Encoding.UTF8.GetBytes(file.Content)))
            {
                yield return $"{path} differs from what the API types generate.";
            }
        }
    }
}
