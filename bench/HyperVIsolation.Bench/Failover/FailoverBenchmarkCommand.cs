using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace HyperVIsolation.Bench.Failover;

/// <summary>The <c>failover</c> sub-command: kills the leading replica several times and reports how long takeovers took.</summary>
internal static class FailoverBenchmarkCommand
{
    /// <summary>The command with its options and action.</summary>
    public static Command Create(string repositoryRoot)
    {
        var defaults = new FailoverBenchmarkSettings();
        var runs = PositiveOption.Create("--runs", defaults.Runs, "How many times the leader is killed.");
        var lease = PositiveOption.Create("--lease-seconds", (int)defaults.LeaseDuration.TotalSeconds, "Lease duration; renew deadline and retry period keep the operator's ratios (15 s, 10 s, 2 s).", "S");
        var seed = PositiveOption.Create("--seed", defaults.Seed, "Seed of the pause before each kill.");
        var output = PositiveOption.Output(repositoryRoot);
        var command = new Command("failover", "Two operator replicas: the leader is killed, the follower's time to lead and to its first reconcile is measured.")
        {
            runs, lease, seed, output,
        };
        command.SetAction(result => RunAsync(defaults with
        {
            Runs = result.GetValue(runs),
            LeaseDuration = TimeSpan.FromSeconds(result.GetValue(lease)),
            Seed = result.GetValue(seed),
            OutputDirectory = result.GetRequiredValue(output),
        }));
        return command;
    }

    private static async Task<int> RunAsync(FailoverBenchmarkSettings settings)
    {
        using var stop = new CancellationTokenSource((settings.LeaseDuration * 3 * (settings.Runs + 1)) + TimeSpan.FromMinutes(2));
        var results = await FailoverBenchmark.RunAsync(settings, stop.Token);
        var json = BenchmarkResultFile.Start("failover");
        json["settings"] = new JsonObject { ["runs"] = settings.Runs, ["leaseSeconds"] = settings.LeaseDuration.TotalSeconds, ["renewDeadlineSeconds"] = settings.RenewDeadline.TotalSeconds, ["retryPeriodSeconds"] = settings.RetryPeriod.TotalSeconds, ["seed"] = settings.Seed };
        json["runs"] = new JsonArray([.. results.Select(run => (JsonNode)new JsonObject
        {
            ["killOffsetSeconds"] = Math.Round(run.KillOffset.TotalSeconds, 3),
            ["toLeadingSeconds"] = Math.Round(run.ToLeading.TotalSeconds, 3),
            ["toFirstReconcileSeconds"] = Math.Round(run.ToFirstReconcile.TotalSeconds, 3),
        })]);
        var table = Table(results, settings);
        var path = await BenchmarkResultFile.WriteAsync(settings.OutputDirectory, "failover", json, table, stop.Token);
        Console.WriteLine();
        Console.WriteLine(table);
        Console.WriteLine($"Results: {path}");
        return 0;
    }

    private static string Table(IReadOnlyList<FailoverRun> runs, FailoverBenchmarkSettings settings)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"lease {settings.LeaseDuration.TotalSeconds:F0} s, renew deadline {settings.RenewDeadline.TotalSeconds:F1} s, retry {settings.RetryPeriod.TotalSeconds:F1} s; goal: first reconcile within {settings.Goal.TotalSeconds:F0} s of the kill");
        text.AppendLine("run  kill offset s  to leading s  to first reconcile s  within goal");
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            text.AppendLine(CultureInfo.InvariantCulture, $"{i + 1,3}  {run.KillOffset.TotalSeconds,13:F2}  {run.ToLeading.TotalSeconds,12:F2}  {run.ToFirstReconcile.TotalSeconds,20:F2}  {(run.ToFirstReconcile <= settings.Goal ? "yes" : "NO")}");
        }

        var reconcile = runs.Select(run => run.ToFirstReconcile.TotalSeconds).Order().ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"first reconcile: min {reconcile[0]:F2} s, median {reconcile[reconcile.Count / 2]:F2} s, max {reconcile[^1]:F2} s; {runs.Count(run => run.ToFirstReconcile <= settings.Goal)}/{runs.Count} within the goal");
        return text.ToString();
    }
}
