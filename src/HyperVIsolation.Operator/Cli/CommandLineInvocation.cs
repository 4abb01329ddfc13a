using System.CommandLine;
using System.CommandLine.Invocation;

namespace HyperVIsolation.Operator.Cli;

/// <summary>
/// Runs a System.CommandLine command the way every program of this repository does: a bad command line prints
/// every problem, then the help of the command it was meant for, and exits 2 (1 stays free for "ran and failed");
/// <c>--help</c> prints to standard output and exits 0.
/// </summary>
public static class CommandLineInvocation
{
    /// <summary>The exit code of an invalid command line.</summary>
    public const int UsageExitCode = 2;

    /// <summary>Parses <paramref name="args"/> against <paramref name="command"/> and runs the chosen action.</summary>
    /// <param name="command">The root command, its options and sub-commands declared, actions set.</param>
    /// <param name="args">The process arguments.</param>
    /// <param name="stdout">Where help and command output go.</param>
    /// <param name="stderr">Where errors go.</param>
    /// <param name="cancellationToken">Passed to the action.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> InvokeAsync(RootCommand command, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(stderr);
        var result = command.Parse(args);

        // The programs handle Ctrl+C and SIGTERM themselves (a graceful stop, then a forced one), and report their own
        // failures without a stack trace; System.CommandLine's defaults for both would get in the way.
        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };
        if (result.Action is ParseErrorAction)
        {
            // Prints every error and the help of the command they concern, all to standard error; its own exit code (1)
            // means "ran and failed" here.
            await result.InvokeAsync(new InvocationConfiguration { Output = stderr, Error = stderr }, cancellationToken);
            return UsageExitCode;
        }

        return await result.InvokeAsync(invocation, cancellationToken);
    }
}
