using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HyperVIsolation.Bench.NodeAgent;

/// <summary>The <c>agent</c> sub-command: the node agent's cost per node and its time to verify a pod's VM, at several pod counts.</summary>
internal static class AgentBenchmarkCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The command with its options and action.</summary>
    public static Command Create(string repositoryRoot)
    {
        var small = PositiveOption.Create("--pods-small", 10, "Pods on the node in the first run.");
        var large = PositiveOption.Create("--pods-large", 100, "Pods on the node in the second run.");
        var window = PositiveOption.Create("--window-seconds", 30, "Length of each steady-state window (with and without the agent).", "S");
        var resync = PositiveOption.Create("--resync-seconds", 30, "The agent's resync interval (its default is 30 s).", "S");
        var output = PositiveOption.Output(repositoryRoot);
        var command = new Command("agent", "The node agent on a simulated node: sandbox-to-verified latency and its steady-state CPU and memory.")
        {
            small, large, window, resync, output,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var windowLength = TimeSpan.FromSeconds(result.GetValue(window));
            var resyncInterval = TimeSpan.FromSeconds(result.GetValue(resync));
            var results = new List<AgentBenchmarkResult>();
            foreach (var pods in new[] { result.GetValue(small), result.GetValue(large) })
            {
                results.Add(await AgentBenchmark.RunAsync(pods, windowLength, resyncInterval, cancellationToken));
                Console.WriteLine(Table(results));
            }

            var directory = result.GetRequiredValue(output);
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, $"agent-{DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.json");
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(results, Indented), cancellationToken);
            await File.WriteAllTextAsync(Path.ChangeExtension(path, ".txt"), Table(results), cancellationToken);
            Console.WriteLine($"Results: {path}");
            return results.All(r => r.Verified == r.Pods) ? 0 : 1;
        });
        return command;
    }

    /// <summary>A fixed-width table of the runs.</summary>
    public static string Table(IReadOnlyList<AgentBenchmarkResult> results)
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"pods",6}{"verified",10}{"p50 ms",10}{"p99 ms",10}{"agent CPU ms/s",16}{"agent MB",10}");
        foreach (var r in results)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"{r.Pods,6}{r.Verified,10}{r.SandboxToVerifiedP50Ms,10:F1}{r.SandboxToVerifiedP99Ms,10:F1}{r.AgentCpuMsPerSecond,16:F2}{r.AgentRetainedMb,10:F2}");
        }

        return table.ToString();
    }
}
