using System.Runtime.InteropServices;
using HyperVIsolation.LocalCluster.Options;
using HyperVIsolation.LocalCluster.Running;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

// The main job: one command that shows the product working end to end, with no cluster.
var parsed = LocalClusterOptionsParser.Parse(args);
if (!parsed.IsValid)
{
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync($"error: {error}");
    }

    await Console.Error.WriteLineAsync();
    await Console.Error.WriteLineAsync(LocalClusterOptionsParser.Usage);
    return ExitCodes.Usage;
}

if (parsed.Options.ShowHelp)
{
    Console.WriteLine(LocalClusterOptionsParser.Usage);
    return ExitCodes.Success;
}

using var stopping = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    // The first Ctrl+C (or SIGTERM) stops gracefully; a second one ends the process at once.
    context.Cancel = !stopping.IsCancellationRequested;
    stopping.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

using ILoggerFactory loggers = parsed.Options.Verbose
    ? LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Information))
    : NullLoggerFactory.Instance;
var runner = new LocalClusterRunner(Console.Out, interactive: !Console.IsOutputRedirected, loggers);
return await runner.RunAsync(parsed.Options, stopping.Token);
