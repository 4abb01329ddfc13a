using System.CommandLine;
using HyperVIsolation.Operator.Manifests;

namespace HyperVIsolation.Operator.Cli;

/// <summary>
/// <c>manifests</c>: regenerates the CRDs from the API types into <c>config/crd/</c> and the
/// chart's <c>crds/</c>. Stale CRD files of our API group are removed so renames do not linger.
/// </summary>
internal static class ManifestsCommand
{
    public const string Name = "manifests";

    /// <summary>The <c>manifests</c> command with its options and action.</summary>
    public static Command Create()
    {
        var output = PathOption.Create("--output", "dir", "Config directory; the CRDs and their kustomization go to <dir>/crd/.", "-o");
        output.Required = true;
        var chart = PathOption.Create("--chart", "dir", "Helm chart whose crds/ gets the same CRDs (default: <dir>/../charts/hyperv-isolation).");
        var command = new Command(Name, "Write the CustomResourceDefinitions generated from the API types.") { output, chart };
        command.SetAction((result, cancellationToken) => RunAsync(
            ManifestsArguments.Resolve(result.GetRequiredValue(output), result.GetValue(chart)),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ManifestsArguments arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            var written = await WriteAsync(ManifestRenderer.RenderApi(), arguments, cancellationToken);
            foreach (var path in written)
            {
                await stdout.WriteLineAsync($"wrote {path}".AsMemory(), cancellationToken);
            }

            return 0;
        }
        catch (Exception exception) when (exception is ManifestGenerationException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"manifests: {exception.Message}".AsMemory(), cancellationToken);
            return 1;
        }
    }

    private static async Task<List<string>> WriteAsync(GeneratedManifests manifests, ManifestsArguments arguments, CancellationToken cancellationToken)
    {
        var configCrds = Path.Combine(arguments.OutputDirectory, "crd");
        var chartCrds = Path.Combine(arguments.ChartDirectory, "crds");
        var written = new List<string>();
        written.AddRange(await WriteDirectoryAsync(configCrds, [.. manifests.Crds, manifests.Kustomization], manifests.Crds, cancellationToken));
        written.AddRange(await WriteDirectoryAsync(chartCrds, manifests.Crds, manifests.Crds, cancellationToken));
        return written;
    }

    private static async Task<IEnumerable<string>> WriteDirectoryAsync(
        string directory, IReadOnlyList<ManifestFile> files, IReadOnlyList<ManifestFile> crds, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        RemoveStaleCrds(directory, crds);
        var paths = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(directory, file.FileName);
            await File.WriteAllTextAsync(path, file.Content, cancellationToken);
            paths.Add(path);
        }

        return paths;
    }

    // CRD files are named <group>_<plural>.yaml; a file of one of our groups that is no longer
    // generated belongs to a removed or renamed resource.
    private static void RemoveStaleCrds(string directory, IReadOnlyList<ManifestFile> crds)
    {
        var current = crds.Select(crd => crd.FileName).ToHashSet(StringComparer.Ordinal);
        var groups = crds.Select(crd => crd.FileName[..(crd.FileName.IndexOf('_') + 1)]).Distinct();
        foreach (var group in groups)
        {
            foreach (var path in Directory.EnumerateFiles(directory, group + "*.yaml"))
            {
                if (!current.Contains(Path.GetFileName(path)))
                {
                    File.Delete(path);
                }
            }
        }
    }
}
