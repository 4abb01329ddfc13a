using System.Globalization;
using System.Text.RegularExpressions;
using HyperVIsolation.Api.Text;

namespace HyperVIsolation.LocalCluster.Options;

/// <summary>Parses the command line, collecting every problem at once so one run shows them all.</summary>
internal static partial class LocalClusterOptionsParser
{
    /// <summary>The exit code for an invalid command line.</summary>
    public const int UsageExitCode = 2;

    /// <summary>What <c>--help</c> prints.</summary>
    public const string Usage = """
        Usage: dotnet run --project src/HyperVIsolation.LocalCluster -- [options]

        Starts a local Kubernetes API server, simulated Windows nodes of three builds and the operator,
        applies the samples and shows them becoming Ready in Hyper-V isolated pods.

        Options:
          --exit-when-ready      Exit 0 once every sample is Ready (scripts, CI) instead of running until Ctrl+C.
          --timeout <duration>   How long to wait for Ready: 90s, 5m, 1h or 00:05:00 (default 5m).
          --nodes <pool.yaml>    Simulated node pool (default: local-cluster-nodes.yaml next to the executable).
          --samples <dir>        Sample manifests to apply (default: config/samples of the repository).
          --crds <dir>           CRD manifests to install (default: config/crd of the repository).
          --namespace <name>     Namespace for samples that name none (default: tenant-untrusted).
          --verbose              Show the logs of the API server, the nodes and the operator.
          --help                 Show this text.
        """;

    /// <summary>Parses <paramref name="args"/>.</summary>
    public static LocalClusterOptionsParseResult Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new LocalClusterOptions();
        var errors = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            string? Value()
            {
                if (inlineValue is not null)
                {
                    return inlineValue;
                }

                if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return args[++i];
                }

                errors.Add($"{name} needs a value.");
                return null;
            }

            switch (name)
            {
                case "--exit-when-ready":
                    options = options with { ExitWhenReady = true };
                    break;
                case "--verbose":
                    options = options with { Verbose = true };
                    break;
                case "--help" or "-h":
                    options = options with { ShowHelp = true };
                    break;
                case "--timeout":
                    options = Value() is { } text ? WithTimeout(options, text, errors) : options;
                    break;
                case "--nodes":
                    options = Value() is { } nodes ? options with { NodePoolPath = nodes } : options;
                    break;
                case "--samples":
                    options = Value() is { } samples ? options with { SamplesDirectory = samples } : options;
                    break;
                case "--crds":
                    options = Value() is { } crds ? options with { CrdDirectory = crds } : options;
                    break;
                case "--namespace":
                    options = Value() is { } ns ? WithNamespace(options, ns, errors) : options;
                    break;
                default:
                    errors.Add($"Unknown argument '{args[i]}' (see --help).");
                    break;
            }
        }

        return new LocalClusterOptionsParseResult(options, errors);
    }

    /// <summary>Reads <c>90s</c>, <c>5m</c>, <c>1h</c>, <c>500ms</c> or a <see cref="TimeSpan"/> such as <c>00:05:00</c>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration) => GoDuration.TryParse(text, out duration);

    /// <summary>A duration the way <c>--timeout</c> takes it: <c>8s</c>, <c>5m</c>, <c>1m30s</c>, <c>1h</c>.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0}ms");
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"{(duration.Hours > 0 ? $"{(int)duration.TotalHours}h" : string.Empty)}{(duration.Minutes > 0 ? $"{duration.Minutes}m" : string.Empty)}{(duration.Seconds > 0 ? $"{duration.Seconds}s" : string.Empty)}");
        return text.Length > 0 ? text : "0s";
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static LocalClusterOptions WithTimeout(LocalClusterOptions options, string text, List<string> errors)
    {
        if (!TryParseDuration(text, out var timeout))
        {
            errors.Add($"--timeout '{text}' is not a duration (examples: 90s, 5m, 1h, 00:05:00).");
            return options;
        }

        if (timeout <= TimeSpan.Zero)
        {
            errors.Add($"--timeout must be positive (got '{text}').");
            return options;
        }

        return options with { Timeout = timeout };
    }

    private static LocalClusterOptions WithNamespace(LocalClusterOptions options, string name, List<string> errors)
    {
        if (!DnsLabelPattern().IsMatch(name))
        {
            errors.Add($"--namespace '{name}' is not a DNS label (lower-case letters, digits and '-', at most 63 characters).");
            return options;
        }

        return options with { Namespace = name };
    }


    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabelPattern();
}
