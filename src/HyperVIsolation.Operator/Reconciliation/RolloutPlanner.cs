using HyperVIsolation.Api.V1Alpha1;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Decides which pods to create and delete in one reconcile, with the semantics of the ReplicaSet
/// and Deployment controllers folded into one, since a workload's pods are grouped by template
/// hash rather than by ReplicaSet.
/// <list type="bullet">
/// <item>Terminating pods (deletion timestamp) are gone for every count and never deleted again, so a
/// replacement is created at once, as the ReplicaSet controller does.</item>
/// <item>Ended pods (Failed, Succeeded) are deleted and replaced.</item>
/// <item>With no stale pods: scale to replicas, deleting not-ready and newest pods first.</item>
/// <item>RollingUpdate: create current pods while the active total stays within replicas + maxSurge;
/// delete stale pods that are not ready when that cannot hurt (as the Deployment controller's
/// cleanup of unhealthy replicas), and ready stale pods only while readiness stays at
/// replicas - maxUnavailable or above. Pods created in this round are not ready, so neither bound
/// can be crossed between two plans.</item>
/// <item>Recreate: delete every stale pod, and create current pods only once no stale pod is
/// terminating either: the point of Recreate is that old and new never run together, so here
/// terminating pods do hold creation back.</item>
/// </list>
/// Pure; call it again after the effects are observed (see <see cref="PodExpectations"/>).
/// </summary>
public static class RolloutPlanner
{
    /// <summary>The creations and deletions that move the pods toward <paramref name="desiredReplicas"/> current pods.</summary>
    /// <param name="desiredReplicas">Replicas wanted.</param>
    /// <param name="strategy">The workload's update strategy; <see langword="null"/> is RollingUpdate 25%/25%.</param>
    /// <param name="currentHash">The template hash of the current plan.</param>
    /// <param name="pods">The workload's pods, terminating and ended ones included.</param>
    public static RolloutPlan Plan(int desiredReplicas, UpdateStrategy? strategy, string currentHash, IReadOnlyList<PodSummary> pods)
    {
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentException.ThrowIfNullOrEmpty(currentHash);
        var desired = Math.Max(0, desiredReplicas);
        var deletions = pods.Where(pod => pod.IsTerminal && !pod.BeingDeleted)
            .OrderBy(pod => pod.Name, StringComparer.Ordinal)
            .Select(pod => new PodDeletion(pod.Name, PodDeletionReason.Failed))
            .ToList();
        var active = pods.Where(pod => pod.IsActive).ToList();
        var current = active.Where(pod => pod.TemplateHash == currentHash).ToList();
        var stale = active.Where(pod => pod.TemplateHash != currentHash).ToList();

        if (strategy?.Type == UpdateStrategyType.Recreate)
        {
            return Recreate(desired, currentHash, pods, current, stale, deletions);
        }

        return stale.Count == 0
            ? Scale(desired, current, deletions)
            : RollingUpdate(desired, RolloutBounds.Resolve(strategy?.RollingUpdate, desired), current, stale, deletions);
    }

    private static RolloutPlan Scale(int desired, List<PodSummary> current, List<PodDeletion> deletions)
    {
        if (current.Count > desired)
        {
            deletions.AddRange(DeleteFirst(current, current.Count - desired, PodDeletionReason.ScaleDown));
            return new RolloutPlan(0, deletions);
        }

        return new RolloutPlan(desired - current.Count, deletions);
    }

    private static RolloutPlan Recreate(
        int desired, string currentHash, IReadOnlyList<PodSummary> pods, List<PodSummary> current, List<PodSummary> stale, List<PodDeletion> deletions)
    {
        if (stale.Count > 0)
        {
            deletions.AddRange(DeleteFirst(stale, stale.Count, PodDeletionReason.StaleTemplate));
            return new RolloutPlan(0, deletions);
        }

        var staleTerminating = pods.Any(pod => pod.BeingDeleted && !pod.IsTerminal && pod.TemplateHash != currentHash);
        if (staleTerminating)
        {
            return Scale(Math.Min(desired, current.Count), current, deletions);
        }

        return Scale(desired, current, deletions);
    }

    private static RolloutPlan RollingUpdate(
        int desired, RolloutBounds bounds, List<PodSummary> current, List<PodSummary> stale, List<PodDeletion> deletions)
    {
        var total = current.Count + stale.Count;
        var create = Math.Max(0, Math.Min(desired + bounds.MaxSurge - total, desired - current.Count));

        // Scaling down in the middle of a rollout: extra current pods go first, as in a plain scale-down.
        var excessCurrent = DeleteFirst(current, Math.Max(0, current.Count - desired), PodDeletionReason.ScaleDown);
        deletions.AddRange(excessCurrent);
        var keptCurrent = current.Where(pod => !excessCurrent.Any(deletion => deletion.Name == pod.Name)).ToList();

        var minAvailable = desired - bounds.MaxUnavailable;
        var available = keptCurrent.Count(pod => pod.Ready) + stale.Count(pod => pod.Ready);
        var currentUnavailable = keptCurrent.Count(pod => !pod.Ready);

        // Not-ready stale pods cost no availability; still keep as many as the Deployment controller
        // would (one might become ready while the new pods are not ready either).
        var cleanupBudget = Math.Max(0, keptCurrent.Count + stale.Count - minAvailable - currentUnavailable);
        var staleUnready = stale.Where(pod => !pod.Ready).ToList();
        deletions.AddRange(DeleteFirst(staleUnready, Math.Min(cleanupBudget, staleUnready.Count), PodDeletionReason.StaleTemplate));

        var staleReady = stale.Where(pod => pod.Ready).ToList();
        var readyBudget = Math.Max(0, available - minAvailable);
        deletions.AddRange(DeleteFirst(staleReady, Math.Min(readyBudget, staleReady.Count), PodDeletionReason.StaleTemplate));
        return new RolloutPlan(create, deletions);
    }

    private static List<PodDeletion> DeleteFirst(IEnumerable<PodSummary> pods, int count, PodDeletionReason reason) =>
        pods.Order(PodDeletionOrder.Instance).Take(count).Select(pod => new PodDeletion(pod.Name, reason)).ToList();
}
