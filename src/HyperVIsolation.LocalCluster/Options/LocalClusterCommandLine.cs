using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using HyperVIsolation.Api.Text;
using HyperVIsolation.Operator.Cli;

namespace HyperVIsolation.LocalCluster.Options;

/// <summary>
/// The local cluster's command line: its options with their help and checks, bound to <see cref="LocalClusterOptions"/>.
/// Defaults stay in <see cref="LocalClusterOptions"/>: an option left out binds to null and keeps the record's default.
/// </summary>
internal sealed partial class LocalClusterCommandLine
{
    private readonly Option<bool> _exitWhenReady = new("--exit-when-ready")
    {
        Description = "Exit 0 once every sample is Ready (scripts, CI) instead of running until Ctrl+C.",
    };

    private readonly Option<TimeSpan?> _timeout = new("--timeout")
    {
        Description = "How long to wait for Ready: 90s, 5m, 1h or 00:05:00 (default 5m).",
        HelpName = "duration",
        CustomParser = ParseTimeout,
    };

    private readonly Option<string> _nodes = PathOption.Create("--nodes", "pool.yaml", $"Simulated node pool (default: {LocalClusterOptions.DefaultNodePoolFileName} next to the executable).");

    private readonly Option<string> _samples = PathOption.Create("--samples", "dir", "Sample manifests to apply (default: config/samples of the repository).");

    private readonly Option<string> _crds = PathOption.Create("--crds", "dir", "CRD manifests to install (default: config/crd of the repository).");

    private readonly Option<string?> _namespace = new("--namespace")
    {
        Description = $"Namespace for samples that name none (default: {LocalClusterOptions.DefaultNamespace}).",
        HelpName = "name",
    };

    private readonly Option<string> _kubeconfig = PathOption.Create(
        "--kubeconfig", "path", "Attach the simulated Windows nodes and their agents to this existing cluster instead of starting a local API server.");

    private readonly Option<OperatorMode?> _operator = new("--operator")
    {
        Description = "With --kubeconfig: in-process (default) runs the operator here; none uses the one the cluster runs (for example installed by the chart).",
        HelpName = "in-process|none",
        CustomParser = ParseOperator,
    };

    private readonly Option<bool> _verbose = new("--verbose")
    {
        Description = "Show the logs of the API server, the nodes and the operator.",
    };

    /// <summary>Declares the options on <see cref="Command"/>.</summary>
    public LocalClusterCommandLine()
    {
        _namespace.Validators.Add(CheckNamespace);
        Command = new RootCommand(
            "Starts a local Kubernetes API server, simulated Windows nodes of three builds and the operator, " +
            "applies the samples and shows them becoming Ready in Hyper-V isolated pods.")
        {
            _exitWhenReady, _timeout, _nodes, _samples, _crds, _namespace, _kubeconfig, _operator, _verbose,
        };
        Command.Validators.Add(CheckOperatorNeedsKubeconfig);
    }

    /// <summary>The root command; the caller sets its action.</summary>
    public RootCommand Command { get; }

    /// <summary>Parses <paramref name="args"/> without running anything: the options, or every problem found.</summary>
    public static LocalClusterOptionsParseResult Parse(IReadOnlyList<string> args)
    {
        var commandLine = new LocalClusterCommandLine();
        var result = commandLine.Command.Parse(args);
        return result.Errors.Count == 0
            ? new LocalClusterOptionsParseResult(commandLine.Bind(result), [])
            : new LocalClusterOptionsParseResult(new LocalClusterOptions(), [.. result.Errors.Select(error => error.Message)]);
    }

    /// <summary>The options <paramref name="result"/> holds; call it only when it has no errors.</summary>
    public LocalClusterOptions Bind(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var defaults = new LocalClusterOptions();
        return new LocalClusterOptions
        {
            ExitWhenReady = result.GetValue(_exitWhenReady),
            Timeout = result.GetValue(_timeout) ?? defaults.Timeout,
            NodePoolPath = result.GetValue(_nodes),
            SamplesDirectory = result.GetValue(_samples),
            CrdDirectory = result.GetValue(_crds),
            Namespace = result.GetValue(_namespace) ?? defaults.Namespace,
            Verbose = result.GetValue(_verbose),
            KubeconfigPath = result.GetValue(_kubeconfig),
            Operator = result.GetValue(_operator) ?? defaults.Operator,
        };
    }

    private static TimeSpan? ParseTimeout(ArgumentResult result)
    {
        if (result.Tokens is not [var token])
        {
            return null;
        }

        if (!GoDuration.TryParse(token.Value, out var timeout))
        {
            result.AddError($"--timeout '{token.Value}' is not a duration (examples: 90s, 5m, 1h, 00:05:00).");
            return null;
        }

        if (timeout <= TimeSpan.Zero)
        {
            result.AddError($"--timeout must be positive (got '{token.Value}').");
            return null;
        }

        return timeout;
    }

    private static OperatorMode? ParseOperator(ArgumentResult result)
    {
        switch (result.Tokens)
        {
            case [{ Value: "in-process" }]:
                return OperatorMode.InProcess;
            case [{ Value: "none" }]:
                return OperatorMode.None;
            case [var token]:
                result.AddError($"--operator '{token.Value}' is not in-process or none.");
                return null;
            default:
                return null;
        }
    }

    // The local API server has no operator of its own, so "none" there would wait forever for nothing.
    private void CheckOperatorNeedsKubeconfig(System.CommandLine.Parsing.CommandResult result)
    {
        if (result.GetResult(_operator) is { Implicit: false } && result.GetResult(_kubeconfig) is null)
        {
            result.AddError("--operator needs --kubeconfig: the local API server always runs the operator in process.");
        }
    }

    private static void CheckNamespace(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is { } name && !DnsLabelPattern().IsMatch(name))
        {
            result.AddError($"--namespace '{name}' is not a DNS label (lower-case letters, digits and '-', at most 63 characters).");
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabelPattern();
}
