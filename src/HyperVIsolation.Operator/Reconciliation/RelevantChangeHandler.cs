using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Queue;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Queues the keys an object's change affects (possibly many: every workload when a node's build
/// changes), but only when the change matters to them: node heartbeats update every node every few
/// seconds, and waking every workload for each would be a storm of no-op reconciles.
/// </summary>
/// <typeparam name="T">The watched type.</typeparam>
/// <param name="queue">The controller's queue, resolved when the first change arrives (the queues exist before the informers).</param>
/// <param name="keysOf">The keys an added, changed or deleted object affects.</param>
/// <param name="matters">Whether an update changed something the keys depend on; additions and deletions always do.</param>
/// <param name="batchDelay">
/// How long to let changes gather before the keys are reconciled (the queue keeps the earliest due time, so a
/// burst of changes costs one reconcile per delay); zero queues at once.
/// </param>
internal sealed class RelevantChangeHandler<T>(Func<WorkQueue> queue, Func<T, IEnumerable<ObjectKey>> keysOf, Func<T, T, bool> matters, TimeSpan batchDelay = default) : IResourceChangeHandler<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc/>
    public void OnAdded(T obj) => Enqueue(obj);

    /// <inheritdoc/>
    public void OnUpdated(T oldObj, T newObj)
    {
        if (matters(oldObj, newObj))
        {
            Enqueue(newObj);
        }
    }

    /// <inheritdoc/>
    public void OnDeleted(T obj) => Enqueue(obj);

    private void Enqueue(T obj)
    {
        var target = queue();
        foreach (var key in keysOf(obj))
        {
            target.AddAfter(key, batchDelay);
        }
    }
}
