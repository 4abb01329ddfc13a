using HyperVIsolation.ControllerRuntime.Queue;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// The pod creations and deletions a workload is waiting to see in the informer cache, as the
/// ReplicaSet controller's expectations. The reconciler records them before it writes and must not
/// plan more pods for a workload until they are satisfied: a cache that has not yet seen the pods
/// just created would otherwise make it create them again. Creations are counted (generated names
/// are unknown before the write) and observed once per pod name, so a replayed informer event cannot
/// count twice; deletions are tracked by pod name. Expectations also count as satisfied after
/// <see cref="DefaultTimeToLive"/>, so a lost event delays a workload but never wedges it.
/// Thread-safe: informer handlers and reconcile workers call it concurrently.
/// </summary>
/// <param name="timeProvider">The clock.</param>
/// <param name="timeToLive">How long expectations hold before they are treated as satisfied.</param>
public sealed class PodExpectations(TimeProvider timeProvider, TimeSpan timeToLive)
{
    /// <summary>The ReplicaSet controller's expectation timeout.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromMinutes(5);

    private readonly Lock gate = new();
    private readonly Dictionary<ObjectKey, Expectation> byWorkload = [];

    /// <summary>Expectations with the default time to live.</summary>
    public PodExpectations(TimeProvider timeProvider)
        : this(timeProvider, DefaultTimeToLive)
    {
    }

    /// <summary>Records that <paramref name="count"/> pods are about to be created for <paramref name="workload"/>.</summary>
    public void ExpectCreations(ObjectKey workload, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (gate)
        {
            var expectation = Fresh(workload);
            expectation.PendingCreations += count;
        }
    }

    /// <summary>Records that the named pods are about to be deleted.</summary>
    public void ExpectDeletions(ObjectKey workload, IEnumerable<string> podNames)
    {
        ArgumentNullException.ThrowIfNull(podNames);
        lock (gate)
        {
            var expectation = Fresh(workload);
            expectation.PendingDeletions.UnionWith(podNames);
        }
    }

    /// <summary>The informer saw a pod of the workload appear.</summary>
    public void CreationObserved(ObjectKey workload, string podName)
    {
        lock (gate)
        {
            if (byWorkload.TryGetValue(workload, out var expectation)
                && expectation.PendingCreations > 0
                && expectation.ObservedCreations.Add(podName))
            {
                expectation.PendingCreations--;
            }
        }
    }

    /// <summary>A create call failed: no pod will appear for it.</summary>
    public void CreationFailed(ObjectKey workload)
    {
        lock (gate)
        {
            if (byWorkload.TryGetValue(workload, out var expectation) && expectation.PendingCreations > 0)
            {
                expectation.PendingCreations--;
            }
        }
    }

    /// <summary>The informer saw the pod deleted, or the delete call found it already gone or failed.</summary>
    public void DeletionObserved(ObjectKey workload, string podName)
    {
        lock (gate)
        {
            if (byWorkload.TryGetValue(workload, out var expectation))
            {
                expectation.PendingDeletions.Remove(podName);
            }
        }
    }

    /// <summary>Whether the workload may be planned again: everything expected was observed, or the expectations expired.</summary>
    public bool IsSatisfied(ObjectKey workload)
    {
        lock (gate)
        {
            return !byWorkload.TryGetValue(workload, out var expectation)
                || expectation.IsFulfilled
                || IsExpired(expectation);
        }
    }

    /// <summary>
    /// How long until the workload's unfulfilled expectations expire; zero when they are satisfied. A pass that waits
    /// for them requeues after this, so an observation that never comes costs the time to live, not a wedge.
    /// </summary>
    public TimeSpan UntilExpiry(ObjectKey workload)
    {
        lock (gate)
        {
            if (!byWorkload.TryGetValue(workload, out var expectation) || expectation.IsFulfilled)
            {
                return TimeSpan.Zero;
            }

            var left = expectation.RecordedAt + timeToLive - timeProvider.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>Drops the workload's expectations (it was deleted).</summary>
    public void Forget(ObjectKey workload)
    {
        lock (gate)
        {
            byWorkload.Remove(workload);
        }
    }

    /// <summary>
    /// The workload's record, replaced by a new one when the old one is fulfilled or expired:
    /// the names observed for an earlier batch must not absorb this batch's events.
    /// </summary>
    private Expectation Fresh(ObjectKey workload)
    {
        if (!byWorkload.TryGetValue(workload, out var expectation) || expectation.IsFulfilled || IsExpired(expectation))
        {
            expectation = new Expectation(timeProvider.GetUtcNow());
            byWorkload[workload] = expectation;
        }

        return expectation;
    }

    private bool IsExpired(Expectation expectation) => timeProvider.GetUtcNow() - expectation.RecordedAt >= timeToLive;

    private sealed class Expectation(DateTimeOffset recordedAt)
    {
        public DateTimeOffset RecordedAt { get; } = recordedAt;

        public int PendingCreations { get; set; }

        public HashSet<string> ObservedCreations { get; } = new(StringComparer.Ordinal);

        public HashSet<string> PendingDeletions { get; } = new(StringComparer.Ordinal);

        public bool IsFulfilled => PendingCreations <= 0 && PendingDeletions.Count == 0;
    }
}
