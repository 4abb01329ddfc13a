using System.Globalization;
using System.Text;
using HyperVIsolation.Soak.Plan;

namespace HyperVIsolation.Soak;

/// <summary>What a soak run did and found: faults per kind, rounds, the invariants' verdicts and the log to replay it.</summary>
/// <param name="Seed">The seed; the same seed gives the same plan of faults and operations.</param>
/// <param name="Elapsed">How long the run took.</param>
/// <param name="Rounds">Rounds run (each ended converged, or with a violation).</param>
/// <param name="Operations">Workload operations made.</param>
/// <param name="Injected">Faults injected per kind.</param>
/// <param name="Skipped">Planned faults that could not be injected per kind.</param>
/// <param name="Violations">Every invariant violation, empty when all held.</param>
/// <param name="HeapAfterRounds">Managed heap after full collection at each converged round's end, bytes.</param>
/// <param name="SlowestConvergence">The longest time from healing a round's faults to convergence.</param>
/// <param name="MaxEventsPerChange">The most Events a workload had per change made to it.</param>
/// <param name="SurgeChecks">How many snapshots the continuous surge check read.</param>
/// <param name="ReplicasStarted">Operator replicas started (two plus one per leader kill).</param>
/// <param name="Log">The fault and operation log.</param>
public sealed record SoakReport(
    int Seed,
    TimeSpan Elapsed,
    int Rounds,
    int Operations,
    IReadOnlyDictionary<FaultKind, int> Injected,
    IReadOnlyDictionary<FaultKind, int> Skipped,
    IReadOnlyList<string> Violations,
    IReadOnlyList<long> HeapAfterRounds,
    TimeSpan SlowestConvergence,
    double MaxEventsPerChange,
    long SurgeChecks,
    int ReplicasStarted,
    string Log)
{
    /// <summary>All faults injected.</summary>
    public int TotalFaults => Injected.Values.Sum();

    /// <summary>A summary: seed, counts per kind, invariants; with the log's tail when something was violated.</summary>
    public string Summary(int logLines = 200)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"soak seed {Seed}: {Rounds} rounds in {Elapsed.TotalMinutes:F1} min, {Operations} workload operations, {TotalFaults} faults injected");
        foreach (var kind in Enum.GetValues<FaultKind>())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {kind,-18} {Injected.GetValueOrDefault(kind),6}{(Skipped.GetValueOrDefault(kind) > 0 ? $"  ({Skipped[kind]} skipped)" : string.Empty)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"slowest convergence {SlowestConvergence.TotalSeconds:F1} s; most Events per change {MaxEventsPerChange:F1}; {SurgeChecks} surge checks; {ReplicasStarted} operator replicas started");
        text.AppendLine(CultureInfo.InvariantCulture, $"managed heap after each round (MB): {string.Join(' ', HeapAfterRounds.Select(bytes => (bytes / 1048576.0).ToString("F0", CultureInfo.InvariantCulture)))}");
        if (Violations.Count == 0)
        {
            text.AppendLine("every invariant held");
            return text.ToString();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"{Violations.Count} invariant violations (replay with seed {Seed}):");
        foreach (var violation in Violations)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {violation}");
        }

        text.AppendLine("fault log:");
        text.Append(Log.Split('\n').TakeLast(logLines).Aggregate(new StringBuilder(), (all, line) => all.Append(line).Append('\n')));
        return text.ToString();
    }
}
