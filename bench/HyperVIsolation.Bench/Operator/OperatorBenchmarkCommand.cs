using System.Globalization;

namespace HyperVIsolation.Bench.Operator;

/// <summary>The <c>operator</c> sub-command: parses its options, runs the benchmark within a time bound and writes the results.</summary>
internal static class OperatorBenchmarkCommand
{
    /// <summary>Usage line.</summary>
    public const string Usage = "HyperVIsolation.Bench operator [--workloads N] [--replicas R] [--namespaces K] [--workers W] [--steady-seconds S] [--output DIR]";

    /// <summary>Runs the benchmark; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, string repositoryRoot)
    {
        var defaults = new OperatorBenchmarkSettings();
        var settings = new OperatorBenchmarkSettings
        {
            Workloads = IntOption(args, "--workloads") ?? defaults.Workloads,
            Replicas = IntOption(args, "--replicas") ?? defaults.Replicas,
            Namespaces = IntOption(args, "--namespaces") ?? defaults.Namespaces,
            Workers = IntOption(args, "--workers") ?? defaults.Workers,
            SteadyState = TimeSpan.FromSeconds(IntOption(args, "--steady-seconds") ?? (int)defaults.SteadyState.TotalSeconds),
            RepositoryRoot = repositoryRoot,
            OutputDirectory = Option(args, "--output") ?? Path.Combine(repositoryRoot, "bench", "results"),
        };

        // The whole run is bounded: readiness wait, steady state and shutdown fit in the limit.
        using var stop = new CancellationTokenSource(settings.ReadyTimeout + settings.SteadyState + TimeSpan.FromMinutes(2));
        var result = await OperatorBenchmark.RunAsync(settings, stop.Token);
        var written = await OperatorResultWriter.WriteAsync(result, settings, stop.Token);
        Console.WriteLine();
        Console.WriteLine(OperatorResultWriter.Table(result, settings));
        Console.WriteLine($"Results: {written}");
        return result.ReadyWorkloads == settings.Workloads ? 0 : 1;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int? IntOption(string[] args, string name) =>
        Option(args, name) is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
