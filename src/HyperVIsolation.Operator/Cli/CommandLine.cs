using System.CommandLine;

namespace HyperVIsolation.Operator.Cli;

/// <summary>The operator's command line: the <c>run</c> and <c>manifests</c> sub-commands.</summary>
internal static class CommandLine
{
    /// <summary>The root command with every sub-command and its action.</summary>
    public static RootCommand Create() => new("The hyperv-isolation operator and admission webhook.")
    {
        RunCommand.Create(),
        ManifestsCommand.Create(),
    };

    /// <summary>Parses <paramref name="args"/> and runs the chosen sub-command; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        CommandLineInvocation.InvokeAsync(Create(), args, stdout, stderr, cancellationToken);
}
