using System.CommandLine;

namespace HyperVIsolation.Bench;

/// <summary>The <c>apiserver</c> sub-command: the local API server driven over HTTPS loopback.</summary>
internal static class ApiServerBenchmarkCommand
{
    /// <summary>The command with its options and action.</summary>
    public static Command Create(string repositoryRoot)
    {
        var defaults = new BenchmarkSettings();
        var creates = PositiveOption.Create("--creates", defaults.Creates, "Objects created and read back; the watch phase creates half as many more.");
        var concurrency = PositiveOption.Create("--concurrency", defaults.Concurrency, "Requests in flight at once.", "C");
        var output = PositiveOption.Output(repositoryRoot);
        var command = new Command("apiserver", "The local API server in process, driven over HTTPS loopback with KubernetesClient.")
        {
            creates, concurrency, output,
        };
        command.SetAction(result => RunAsync(new BenchmarkSettings
        {
            Creates = result.GetValue(creates),
            Concurrency = result.GetValue(concurrency),
            OutputDirectory = result.GetRequiredValue(output),
        }));
        return command;
    }

    private static async Task<int> RunAsync(BenchmarkSettings settings)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var results = await ApiServerBenchmark.RunAsync(settings, stop.Token);
        var written = await ResultWriter.WriteAsync(results, settings, stop.Token);
        Console.WriteLine(ResultWriter.Table(results));
        Console.WriteLine($"Results: {written}");
        return 0;
    }
}
