namespace HyperVIsolation.Operator.Cli;

/// <summary>
/// Where the <c>manifests</c> command writes, as full paths. The chart defaults to
/// <c>charts/hyperv-isolation</c> beside the output directory (both live at the repository root).
/// </summary>
internal sealed record ManifestsArguments(string OutputDirectory, string ChartDirectory)
{
    /// <summary>Resolves the directories given on the command line against the current directory.</summary>
    public static ManifestsArguments Resolve(string output, string? chart)
    {
        var fullOutput = Path.GetFullPath(output);
        return new ManifestsArguments(fullOutput, Path.GetFullPath(chart ?? DefaultChart(fullOutput)));
    }

    private static string DefaultChart(string fullOutput)
    {
        var repositoryRoot = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(fullOutput)) ?? fullOutput;
        return Path.Combine(repositoryRoot, "charts", "hyperv-isolation");
    }
}
