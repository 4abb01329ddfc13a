namespace HyperVIsolation.Operator.Cli;

/// <summary>
/// Options of the <c>manifests</c> command. The chart defaults to
/// <c>charts/hyperv-isolation</c> beside the output directory (both live at the repository root).
/// </summary>
internal sealed record ManifestsArguments(string OutputDirectory, string ChartDirectory)
{
    public const string Usage = """
        usage: hyperv-isolation manifests --output <dir> [--chart <dir>]

          --output <dir>   config directory; CRDs and their kustomization go to <dir>/crd/
          --chart <dir>    Helm chart whose crds/ gets the same CRDs
                           (default: <dir>/../charts/hyperv-isolation)
        """;

    /// <summary>Parses the arguments after the command name; returns null and an error on bad input.</summary>
    public static ManifestsArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        string? output = null;
        string? chart = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--output" or "-o" when IsValue(value):
                    output = value;
                    i++;
                    break;
                case "--chart" when IsValue(value):
                    chart = value;
                    i++;
                    break;
                case "--output" or "-o" or "--chart":
                    error = $"option '{args[i]}' needs a directory.";
                    return null;
                default:
                    error = $"unknown argument '{args[i]}'.";
                    return null;
            }
        }

        if (output is null)
        {
            error = "missing --output <dir>.";
            return null;
        }

        error = null;
        var fullOutput = Path.GetFullPath(output);
        return new ManifestsArguments(fullOutput, Path.GetFullPath(chart ?? DefaultChart(fullOutput)));
    }

    private static bool IsValue(string? value) => !string.IsNullOrWhiteSpace(value) && !value.StartsWith('-');

    private static string DefaultChart(string fullOutput)
    {
        var repositoryRoot = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(fullOutput)) ?? fullOutput;
        return Path.Combine(repositoryRoot, "charts", "hyperv-isolation");
    }
}
