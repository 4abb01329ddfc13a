using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace HyperVIsolation.Bench.Startup;

/// <summary>The <c>startup</c> sub-command: starts the operator process several times and reports its time to synced and leading.</summary>
internal static class StartupBenchmarkCommand
{
    /// <summary>The command with its options and action.</summary>
    public static Command Create(string repositoryRoot)
    {
        var defaults = new StartupBenchmarkSettings();
        var runs = PositiveOption.Create("--runs", defaults.Runs, "How many times the operator process is started.");
        var workloads = PositiveOption.Create("--workloads", defaults.Workloads, "IsolatedWorkloads in the cluster when the operator starts.");
        var assembly = new Option<string>("--operator-dll")
        {
            Description = "The operator assembly to start, e.g. of a ReadyToRun publish (default: the build next to the benchmark's).",
            HelpName = "path",
            DefaultValueFactory = _ => defaults.OperatorAssembly,
        };
        assembly.Validators.Add(result =>
        {
            if (result.GetValue(assembly) is { } path && !File.Exists(path))
            {
                result.AddError($"--operator-dll '{path}' does not exist.");
            }
        });
        var output = PositiveOption.Output(repositoryRoot);
        var command = new Command("startup", "The operator process from start until its caches have synced and it leads.")
        {
            runs, workloads, assembly, output,
        };
        command.SetAction(result => RunAsync(defaults with
        {
            Runs = result.GetValue(runs),
            Workloads = result.GetValue(workloads),
            OperatorAssembly = Path.GetFullPath(result.GetRequiredValue(assembly)),
            RepositoryRoot = repositoryRoot,
            OutputDirectory = result.GetRequiredValue(output),
        }));
        return command;
    }

    /// <summary>The runs as a table with their spread and the goal.</summary>
    public static string Table(IReadOnlyList<StartupRun> runs, StartupBenchmarkSettings settings)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{settings.Workloads} workloads in the cluster; goal: process start to caches synced and leading under {settings.Goal.TotalSeconds:F1} s");
        text.AppendLine("run  to synced s  to leading s  to both s  CPU ms  RSS MB");
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            text.AppendLine(CultureInfo.InvariantCulture, $"{i + 1,3}  {Seconds(run.ToSynced),11}  {Seconds(run.ToLeading),12}  {Seconds(run.ToSyncedAndLeading),9}  {run.CpuMilliseconds,6:F0}  {run.ResidentMegabytes,6:F0}");
        }

        var both = runs.Where(run => run.ToSyncedAndLeading is not null).Select(run => run.ToSyncedAndLeading!.Value.TotalSeconds).ToList();
        var within = runs.Count(run => run.ToSyncedAndLeading is { } time && time < settings.Goal);
        text.AppendLine(Spread.Of(both) is { } spread
            ? string.Create(CultureInfo.InvariantCulture, $"synced and leading: min {spread.Min:F2} s, median {spread.Median:F2} s, max {spread.Max:F2} s; {within}/{runs.Count} under the goal")
            : "no run became synced and leading");
        return text.ToString();
    }

    private static async Task<int> RunAsync(StartupBenchmarkSettings settings)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3 + settings.Runs));
        var runs = await StartupBenchmark.RunAsync(settings, stop.Token);
        var json = BenchmarkResultFile.Start("startup");
        json["settings"] = new JsonObject { ["operatorAssembly"] = settings.OperatorAssembly, ["runs"] = settings.Runs, ["workloads"] = settings.Workloads, ["goalSeconds"] = settings.Goal.TotalSeconds };
        json["runs"] = new JsonArray([.. runs.Select(run => (JsonNode)new JsonObject
        {
            ["toSyncedSeconds"] = run.ToSynced is { } synced ? Math.Round(synced.TotalSeconds, 3) : null,
            ["toLeadingSeconds"] = run.ToLeading is { } leading ? Math.Round(leading.TotalSeconds, 3) : null,
            ["cpuMs"] = Math.Round(run.CpuMilliseconds, 0),
            ["residentMb"] = Math.Round(run.ResidentMegabytes, 1),
        })]);
        var table = Table(runs, settings);
        var path = await BenchmarkResultFile.WriteAsync(settings.OutputDirectory, "startup", json, table, stop.Token);
        Console.WriteLine();
        Console.WriteLine(table);
        Console.WriteLine($"Results: {path}");
        return runs.All(run => run.ToSyncedAndLeading is not null) ? 0 : 1;
    }

    private static string Seconds(TimeSpan? time) => time is { } value ? value.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) : "never";
}
