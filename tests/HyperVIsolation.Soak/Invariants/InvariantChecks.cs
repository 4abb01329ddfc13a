using System.Globalization;
using HyperVIsolation.Soak.Plan;

namespace HyperVIsolation.Soak.Invariants;

/// <summary>
/// The soak's invariants, evaluated on a snapshot: each returns what is wrong, empty when it holds. Pure, so each
/// rule is tested on hand-made snapshots.
/// </summary>
public static class InvariantChecks
{
    /// <summary>
    /// Never more active pods per workload than its ceiling (replicas + maxSurge, the largest replica count of the
    /// round). Pods are grouped by owner uid, so a deleted workload's pods are not counted against its successor.
    /// </summary>
    public static IReadOnlyList<string> SurgeViolations(ClusterSnapshot snapshot, IReadOnlyDictionary<string, int> ceilings)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ceilings);
        return
        [
            .. snapshot.Pods
                .Where(pod => pod.Active && pod.Workload is not null)
                .GroupBy(pod => (pod.Workload!, pod.OwnerUid))
                .Select(group => (group.Key.Item1, Count: group.Count(), Ceiling: ceilings.GetValueOrDefault(group.Key.Item1)))
                .Where(entry => entry.Count > entry.Ceiling)
                .Select(entry => Text($"{entry.Item1} has {entry.Count} active pods, more than replicas + maxSurge = {entry.Ceiling}")),
        ];
    }

    /// <summary>
    /// What keeps the cluster from matching <paramref name="expected"/>: workloads missing, left over or with another
    /// spec; status not caught up; pods not exactly the replica count, all ready, of the expected revision and of one
    /// template hash; pods being deleted; orphans (pods whose owner no longer exists). Empty when converged.
    /// </summary>
    public static IReadOnlyList<string> ConvergenceProblems(ClusterSnapshot snapshot, IReadOnlyList<SlotState> expected)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(expected);
        var problems = new List<string>();
        var byName = snapshot.Workloads.ToDictionary(workload => workload.Name, StringComparer.Ordinal);
        foreach (var slot in expected)
        {
            var found = byName.GetValueOrDefault(slot.Name);
            if (!slot.Exists)
            {
                if (found is not null)
                {
                    problems.Add(Text($"{slot.Name} should be deleted but exists{(found.Deleting ? " (being deleted)" : string.Empty)}"));
                }

                continue;
            }

            if (found is null)
            {
                problems.Add(Text($"{slot.Name} should exist but does not"));
                continue;
            }

            problems.AddRange(WorkloadProblems(found, slot, snapshot.Pods.Where(pod => pod.OwnerUid == found.Uid).ToList()));
        }

        var live = snapshot.Workloads.Where(workload => !workload.Deleting).Select(workload => workload.Uid).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(snapshot.Pods
            .Where(pod => pod.OwnerUid is null || !live.Contains(pod.OwnerUid))
            .Select(pod => Text($"pod {pod.Name} is an orphan (owner {pod.OwnerUid ?? "none"} does not exist)")));
        return problems;
    }

    /// <summary>
    /// Workloads with more Events than <paramref name="eventsPerChange"/> per change made to them: a controller that
    /// reports the same thing over and over (or loops) floods the Events far beyond what its changes explain.
    /// Events count by their <c>count</c>, so an aggregated repeat still counts.
    /// </summary>
    public static IReadOnlyList<string> EventStorms(ClusterSnapshot snapshot, IReadOnlyList<SlotState> expected, int eventsPerChange)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(expected);
        var problems = new List<string>();
        foreach (var slot in expected.Where(slot => slot.Exists))
        {
            var workload = snapshot.Workloads.FirstOrDefault(candidate => candidate.Name == slot.Name);
            if (workload is null)
            {
                continue;
            }

            var events = snapshot.Events.Where(e => e.InvolvedUid == workload.Uid).Sum(e => e.Count);
            var budget = eventsPerChange * Math.Max(1, slot.Changes);
            if (events > budget)
            {
                var reasons = string.Join(", ", snapshot.Events.Where(e => e.InvolvedUid == workload.Uid)
                    .GroupBy(e => e.Reason).Select(group => Text($"{group.Key} x{group.Sum(e => e.Count)}")));
                problems.Add(Text($"{slot.Name} has {events} Events for {slot.Changes} changes (budget {budget}): {reasons}"));
            }
        }

        return problems;
    }

    /// <summary>The most Events any one live workload has per change made to it (reported, so the budget can be judged).</summary>
    public static double MaxEventsPerChange(ClusterSnapshot snapshot, IReadOnlyList<SlotState> expected)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(expected);
        var ratios = expected.Where(slot => slot.Exists)
            .Select(slot => (slot, workload: snapshot.Workloads.FirstOrDefault(candidate => candidate.Name == slot.Name)))
            .Where(pair => pair.workload is not null)
            .Select(pair => snapshot.Events.Where(e => e.InvolvedUid == pair.workload!.Uid).Sum(e => e.Count) / (double)Math.Max(1, pair.slot.Changes));
        return ratios.DefaultIfEmpty(0).Max();
    }

    /// <summary>
    /// Unbounded growth: the managed heap after the last converged round above <paramref name="factor"/> times the
    /// first's plus <paramref name="allowanceBytes"/>, or the operator caching other objects than exist (a leak of
    /// deleted objects in its informers).
    /// </summary>
    public static IReadOnlyList<string> MemoryGrowth(IReadOnlyList<long> heapAfterRounds, double factor, long allowanceBytes)
    {
        ArgumentNullException.ThrowIfNull(heapAfterRounds);
        if (heapAfterRounds.Count < 2)
        {
            return [];
        }

        var first = heapAfterRounds[0];
        var last = heapAfterRounds[^1];
        var limit = (long)(first * factor) + allowanceBytes;
        return last > limit
            ? [Text($"managed heap grew from {Mb(first)} MB after the first round to {Mb(last)} MB after round {heapAfterRounds.Count}, above the bound {Mb(limit)} MB")]
            : [];
    }

    /// <summary>The last <paramref name="count"/> Events about the workloads that have not converged, to explain the stall.</summary>
    public static IReadOnlyList<string> RecentEvents(ClusterSnapshot snapshot, IReadOnlyList<string> workloads, int count)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(workloads);
        return
        [
            .. snapshot.Events.Where(e => e.InvolvedName is not null && workloads.Contains(e.InvolvedName))
                .TakeLast(count)
                .Select(e => Text($"event {e.InvolvedName} {e.Reason} x{e.Count}: {e.Message}")),
        ];
    }

    /// <summary>The operator's informers hold exactly the objects that exist once the cluster has converged.</summary>
    public static IReadOnlyList<string> CacheLeaks(string kind, int cached, int existing) =>
        cached == existing ? [] : [Text($"the leader caches {cached} {kind} while {existing} exist")];

    private static IEnumerable<string> WorkloadProblems(WorkloadView workload, SlotState slot, IReadOnlyList<PodView> pods)
    {
        if (workload.Deleting)
        {
            yield return Text($"{slot.Name} is being deleted but should exist");
            yield break;
        }

        if (workload.Replicas != slot.Replicas || workload.Revision != slot.Revision)
        {
            yield return Text($"{slot.Name} spec is replicas {workload.Replicas} revision {workload.Revision}, the soak set replicas {slot.Replicas} revision {slot.Revision}");
        }

        if (workload.ObservedGeneration != workload.Generation || workload.StatusReplicas != slot.Replicas
            || workload.ReadyReplicas != slot.Replicas || workload.UpdatedReplicas != slot.Replicas || !workload.ReadyCondition)
        {
            yield return Text($"{slot.Name} status: observed generation {workload.ObservedGeneration}/{workload.Generation}, replicas {workload.StatusReplicas}, ready {workload.ReadyReplicas}, updated {workload.UpdatedReplicas}, Ready={workload.ReadyCondition} [{workload.Conditions}]");
        }

        var active = pods.Where(pod => pod.Active).ToList();
        if (active.Count != slot.Replicas || active.Any(pod => !pod.Ready))
        {
            yield return Text($"{slot.Name} has {active.Count} active pods ({active.Count(pod => pod.Ready)} ready), wants {slot.Replicas}");
        }

        if (active.Any(pod => pod.Revision != slot.Revision))
        {
            yield return Text($"{slot.Name} runs revisions {string.Join(",", active.Select(pod => pod.Revision).Distinct().Order())}, wants {slot.Revision}");
        }

        if (active.Select(pod => pod.TemplateHash).Distinct().Count() > 1)
        {
            yield return Text($"{slot.Name} runs {active.Select(pod => pod.TemplateHash).Distinct().Count()} template hashes");
        }

        var leftover = pods.Count(pod => !pod.Active);
        if (leftover > 0)
        {
            yield return Text($"{slot.Name} still has {leftover} pods being deleted or finished");
        }
    }

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024)).ToString("F1", CultureInfo.InvariantCulture);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
