using System.CommandLine;

namespace HyperVIsolation.Bench.Operator;

/// <summary>The <c>operator</c> sub-command: parses its options, runs the benchmark within a time bound and writes the results.</summary>
internal static class OperatorBenchmarkCommand
{
    /// <summary>The command with its options and action.</summary>
    public static Command Create(string repositoryRoot)
    {
        var defaults = new OperatorBenchmarkSettings();
        var workloads = PositiveOption.Create("--workloads", defaults.Workloads, "IsolatedWorkloads created.");
        var replicas = PositiveOption.Create("--replicas", defaults.Replicas, "Replicas of each workload.", "R");
        var namespaces = PositiveOption.Create("--namespaces", defaults.Namespaces, "Namespaces the workloads are spread over.", "K");
        var workers = PositiveOption.Create("--workers", defaults.Workers, "Operator reconcile workers; also the raw write phase's requests in flight.", "W");
        var steadySeconds = PositiveOption.Create("--steady-seconds", (int)defaults.SteadyState.TotalSeconds, "How long the steady state is watched.", "S");
        var floorConcurrency = PositiveOption.Create("--floor-concurrency", defaults.FloorConcurrency, "Workloads whose recorded writes the floor replays at a time.", "C");
        var output = PositiveOption.Output(repositoryRoot);
        var command = new Command("operator", "The operator reconciling many workloads against the local API server and simulated nodes.")
        {
            workloads, replicas, namespaces, workers, steadySeconds, floorConcurrency, output,
        };
        command.SetAction(result => RunAsync(defaults with
        {
            Workloads = result.GetValue(workloads),
            Replicas = result.GetValue(replicas),
            Namespaces = result.GetValue(namespaces),
            Workers = result.GetValue(workers),
            FloorConcurrency = result.GetValue(floorConcurrency),
            SteadyState = TimeSpan.FromSeconds(result.GetValue(steadySeconds)),
            RepositoryRoot = repositoryRoot,
            OutputDirectory = result.GetRequiredValue(output),
        }));
        return command;
    }

    private static async Task<int> RunAsync(OperatorBenchmarkSettings settings)
    {
        // The whole run is bounded: readiness wait, steady state and shutdown fit in the limit.
        using var stop = new CancellationTokenSource(settings.ReadyTimeout + settings.SteadyState + TimeSpan.FromMinutes(2));
        var result = await OperatorBenchmark.RunAsync(settings, stop.Token);
        var written = await OperatorResultWriter.WriteAsync(result, settings, stop.Token);
        Console.WriteLine();
        Console.WriteLine(OperatorResultWriter.Table(result, settings));
        Console.WriteLine($"Results: {written}");
        return result.ReadyWorkloads == settings.Workloads ? 0 : 1;
    }
}
