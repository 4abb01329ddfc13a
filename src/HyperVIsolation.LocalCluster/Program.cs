using System.Runtime.InteropServices;
using HyperVIsolation.LocalCluster.Options;
using HyperVIsolation.LocalCluster.Running;
using HyperVIsolation.Operator.Cli;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

// The main job: one command that shows the product working end to end, with no cluster.
var commandLine = new LocalClusterCommandLine();
commandLine.Command.SetAction((result, _) => RunAsync(commandLine.Bind(result)));
return await CommandLineInvocation.InvokeAsync(commandLine.Command, args, Console.Out, Console.Error, CancellationToken.None);

static async Task<int> RunAsync(LocalClusterOptions options)
{
    using var stopping = new CancellationTokenSource();
    void Stop(PosixSignalContext context)
    {
        // The first Ctrl+C (or SIGTERM) stops gracefully; a second one ends the process at once.
        context.Cancel = !stopping.IsCancellationRequested;
        stopping.Cancel();
    }

    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

    using ILoggerFactory loggers = options.Verbose
        ? LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Information))
        : NullLoggerFactory.Instance;
    var runner = new LocalClusterRunner(Console.Out, interactive: !Console.IsOutputRedirected, loggers);
    return await runner.RunAsync(options, stopping.Token);
}
