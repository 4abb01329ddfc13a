using System.Diagnostics;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Soak.Invariants;
using HyperVIsolation.Soak.Plan;
using k8s.Models;

namespace HyperVIsolation.Soak.Running;

/// <summary>
/// Runs a soak: round after round until the duration has passed, it makes the plan's workload operations and injects
/// its faults at their offsets while the surge invariant is checked continuously; then it heals every fault and waits
/// for the cluster to converge to the plan's end state, and checks Events, orphans, caches and the heap. A round that
/// does not converge ends the run (later rounds would start from an unknown state).
/// </summary>
public sealed class SoakRunner(SoakSettings settings, Action<string>? progress = null)
{
    private readonly Stopwatch clock = new();
    private readonly FaultLog log = new();
    private readonly List<string> violations = [];
    private readonly List<long> heapAfterRounds = [];
    private TimeSpan slowestConvergence;
    private double maxEventsPerChange;
    private int operations;

    /// <summary>Starts a cluster, soaks it and returns what happened.</summary>
    /// <exception cref="InvalidOperationException">The settings are invalid.</exception>
    public async Task<SoakReport> RunAsync(CancellationToken cancellationToken)
    {
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid soak settings: " + string.Join(" ", errors));
        }

        clock.Start();
        var rounds = 0;
        await using var cluster = await SoakCluster.StartAsync(settings, cancellationToken);
        progress?.Invoke($"cluster up after {clock.Elapsed.TotalSeconds:F0} s");
        await using (var monitor = new SurgeMonitor(cluster.Server.Store, () => clock.Elapsed))
        {
            var injection = new FaultInjection(cluster);
            var driver = new WorkloadDriver(cluster.Client);
            var state = RoundPlanner.Initial(settings);
            while ((settings.Rounds is { } count ? rounds < count : clock.Elapsed < settings.Duration) && violations.Count == 0)
            {
                var plan = RoundPlanner.Plan(settings, ++rounds, state);
                monitor.Ceilings = plan.PodCeilings;
                await RunStepsAsync(cluster, plan, injection, driver, cancellationToken);
                await injection.HealAllAsync(cancellationToken);
                await ConvergeAsync(cluster, plan, cancellationToken);
                monitor.CheckNow();
                violations.AddRange(monitor.Violations.Except(violations));
                state = plan.End;
                progress?.Invoke($"round {rounds} done at {clock.Elapsed.TotalSeconds:F0} s: {log.Total} faults so far, {violations.Count} violations");
            }

            violations.AddRange(monitor.Violations.Except(violations));
            violations.AddRange(InvariantChecks.MemoryGrowth(heapAfterRounds, settings.HeapGrowthFactor, settings.HeapGrowthAllowanceBytes));
            return new SoakReport(
                settings.Seed, clock.Elapsed, rounds, operations, log.Injected, log.Skipped, [.. violations], [.. heapAfterRounds],
                slowestConvergence, maxEventsPerChange, monitor.Checks, cluster.Operators.Started, log.Render());
        }
    }

    private async Task RunStepsAsync(SoakCluster cluster, RoundPlan plan, FaultInjection injection, WorkloadDriver driver, CancellationToken cancellationToken)
    {
        var start = clock.Elapsed;
        foreach (var step in plan.Steps)
        {
            var wait = start + step.At - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            switch (step)
            {
                case ScheduledFault fault:
                    log.Fault(clock.Elapsed, plan.Round, fault, await injection.InjectAsync(fault, cancellationToken));
                    break;
                case WorkloadOperation operation:
                    await driver.ApplyAsync(operation, cancellationToken);
                    operations++;
                    log.Note(clock.Elapsed, plan.Round, operation.Describe());
                    break;
            }
        }

        await cluster.Operators.WaitSettledAsync(TimeSpan.FromSeconds(60), cancellationToken);
        await cluster.Operators.ReapKilledAsync();
    }

    private async Task ConvergeAsync(SoakCluster cluster, RoundPlan plan, CancellationToken cancellationToken)
    {
        var healed = clock.Elapsed;
        var deadline = healed + settings.ConvergenceTimeout;
        IReadOnlyList<string> problems;
        ClusterSnapshot snapshot;
        while (true)
        {
            snapshot = SnapshotReader.Read(cluster.Server.Store);
            problems = InvariantChecks.ConvergenceProblems(snapshot, plan.End);
            if (problems.Count == 0 || clock.Elapsed > deadline)
            {
                break;
            }

            await Task.Delay(250, cancellationToken);
        }

        var took = clock.Elapsed - healed;
        log.Note(clock.Elapsed, plan.Round, problems.Count == 0 ? $"converged {took.TotalSeconds:F1} s after healing" : "did not converge");
        if (problems.Count > 0)
        {
            var stuck = plan.End.Select(slot => slot.Name).Where(name => problems.Any(problem => problem.StartsWith(name + " ", StringComparison.Ordinal))).ToList();
            var leader = cluster.Operators.Leader?.Identity ?? "none";
            var late = await LateConvergenceAsync(cluster, plan, cancellationToken);
            violations.Add($"round {plan.Round} did not converge within {settings.ConvergenceTimeout.TotalSeconds:F0} s (leader {leader}; {late}): {string.Join("; ", problems)} | {string.Join(" | ", InvariantChecks.RecentEvents(snapshot, stuck, 8))}");
            return;
        }

        slowestConvergence = took > slowestConvergence ? took : slowestConvergence;
        violations.AddRange(InvariantChecks.EventStorms(snapshot, plan.End, settings.EventsPerChange).Select(problem => $"round {plan.Round}: {problem}"));
        maxEventsPerChange = Math.Max(maxEventsPerChange, InvariantChecks.MaxEventsPerChange(snapshot, plan.End));
        violations.AddRange((await CacheLeaksAsync(cluster, cancellationToken)).Select(problem => $"round {plan.Round}: {problem}"));
        heapAfterRounds.Add(HeapAfterFullCollection());
    }

    /// <summary>
    /// After a missed bound, waits up to four more convergence timeouts, so the report tells a slow path (a backoff or an
    /// expectation expiring) from a wedge.
    /// </summary>
    private async Task<string> LateConvergenceAsync(SoakCluster cluster, RoundPlan plan, CancellationToken cancellationToken)
    {
        var start = clock.Elapsed;
        while (clock.Elapsed - start < settings.ConvergenceTimeout * 4)
        {
            if (InvariantChecks.ConvergenceProblems(SnapshotReader.Read(cluster.Server.Store), plan.End).Count == 0)
            {
                return $"converged {(clock.Elapsed - start + settings.ConvergenceTimeout).TotalSeconds:F0} s after healing";
            }

            await Task.Delay(500, cancellationToken);
        }

        return $"still not converged {(clock.Elapsed - start + settings.ConvergenceTimeout).TotalSeconds:F0} s after healing";
    }

    /// <summary>Compares the leader's caches with the store, giving its informers a moment to see the last changes.</summary>
    private static async Task<IReadOnlyList<string>> CacheLeaksAsync(SoakCluster cluster, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> leaks = [];
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var leader = cluster.Operators.Leader;
            var snapshot = SnapshotReader.Read(cluster.Server.Store);
            leaks = leader is null
                ? ["no operator replica leads"]
                : [.. InvariantChecks.CacheLeaks("workloads", leader.Cached<IsolatedWorkload>(), snapshot.Workloads.Count),
                    .. InvariantChecks.CacheLeaks("pods", leader.Cached<V1Pod>(), snapshot.Pods.Count)];
            if (leaks.Count == 0)
            {
                return leaks;
            }

            await Task.Delay(250, cancellationToken);
        }

        return leaks;
    }

    private static long HeapAfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
