using System.CommandLine;
using System.Text.Json.Nodes;
using HyperVIsolation.Soak;
using HyperVIsolation.Soak.Running;

namespace HyperVIsolation.Bench.Soak;

/// <summary>
/// The <c>soak</c> sub-command, the fault soak's long profile: the engine the CI test runs, for as many minutes as asked,
/// with 20 s rounds. It prints each round, then the faults per kind and the invariants, and writes both to the output
/// directory; it exits 1 when an invariant was violated (the seed and fault log are in the output to replay it).
/// </summary>
internal static class SoakCommand
{
    /// <summary>The command with its options and action.</summary>
    public static Command Create(string repositoryRoot)
    {
        var minutes = PositiveOption.Create("--minutes", 30.0, "How long to keep starting rounds (the last round still converges).", "M");
        var seed = PositiveOption.Create("--seed", 1, "Seed of the plan: the same seed injects the same faults and makes the same changes.", "S");
        var workloads = PositiveOption.Create("--workloads", 6, "Workloads created, scaled, updated and deleted.");
        var output = PositiveOption.Output(repositoryRoot);
        var command = new Command("soak", "Fault soak (long profile): seeded faults against the local cluster while workloads change; checks every invariant.")
        {
            minutes, seed, workloads, output,
        };
        command.SetAction(result => RunAsync(
            new SoakSettings
            {
                Seed = result.GetValue(seed),
                Duration = TimeSpan.FromMinutes(result.GetValue(minutes)),
                WorkloadSlots = result.GetValue(workloads),
            },
            result.GetRequiredValue(output)));
        return command;
    }

    private static async Task<int> RunAsync(SoakSettings settings, string outputDirectory)
    {
        using var stop = new CancellationTokenSource(settings.Duration + TimeSpan.FromMinutes(10));
        var report = await new SoakRunner(settings, Console.WriteLine).RunAsync(stop.Token);
        var summary = report.Summary();
        Console.WriteLine();
        Console.WriteLine(summary);
        var json = BenchmarkResultFile.Start("soak");
        json["seed"] = report.Seed;
        json["minutes"] = Math.Round(report.Elapsed.TotalMinutes, 2);
        json["rounds"] = report.Rounds;
        json["operations"] = report.Operations;
        json["faults"] = report.TotalFaults;
        json["faultsPerKind"] = new JsonObject([.. report.Injected.Select(entry => KeyValuePair.Create(entry.Key.ToString(), (JsonNode?)entry.Value))]);
        json["skippedPerKind"] = new JsonObject([.. report.Skipped.Where(entry => entry.Value > 0).Select(entry => KeyValuePair.Create(entry.Key.ToString(), (JsonNode?)entry.Value))]);
        json["violations"] = new JsonArray([.. report.Violations.Select(violation => (JsonNode?)violation)]);
        json["slowestConvergenceSeconds"] = Math.Round(report.SlowestConvergence.TotalSeconds, 1);
        json["maxEventsPerChange"] = report.MaxEventsPerChange;
        json["heapAfterRoundsMb"] = new JsonArray([.. report.HeapAfterRounds.Select(bytes => (JsonNode?)Math.Round(bytes / 1048576.0, 1))]);
        json["surgeChecks"] = report.SurgeChecks;
        json["operatorReplicasStarted"] = report.ReplicasStarted;
        var path = await BenchmarkResultFile.WriteAsync(outputDirectory, "soak", json, summary + Environment.NewLine + report.Log, stop.Token, textExtension: ".log");
        Console.WriteLine($"Results: {path}");
        return report.Violations.Count == 0 ? 0 : 1;
    }
}
