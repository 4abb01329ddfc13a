using HyperVIsolation.ControllerRuntime.Queue;
using k8s;
using k8s.Models;

namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>
/// Turns cache changes into work: adds the key that <c>keyOf</c> maps each object to (the object itself, or
/// its controlling owner for owned pods) to a queue. On an update both the old and the new mapping are
/// queued, so an object that changes owner wakes both owners. An update that <c>updateMatters</c> calls
/// irrelevant wakes nothing (like controller-runtime's predicates); adds and deletes always do.
/// </summary>
/// <typeparam name="T">The resource type.</typeparam>
/// <param name="queue">The queue.</param>
/// <param name="keyOf">The key an object wakes, or <see langword="null"/> for none.</param>
/// <param name="updateMatters">Whether an update (old, new) can matter to the controller; <see langword="null"/> for every update.</param>
public sealed class EnqueueingChangeHandler<T>(WorkQueue queue, Func<T, ObjectKey?> keyOf, Func<T, T, bool>? updateMatters = null) : IResourceChangeHandler<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc/>
    public void OnAdded(T obj) => Enqueue(obj);

    /// <inheritdoc/>
    public void OnUpdated(T oldObj, T newObj)
    {
        if (updateMatters is not null && !updateMatters(oldObj, newObj))
        {
            return;
        }

        var oldKey = keyOf(oldObj);
        var newKey = keyOf(newObj);
        if (newKey is { } key)
        {
            queue.Add(key);
        }

        if (oldKey is { } previous && previous != newKey)
        {
            queue.Add(previous);
        }
    }

    /// <inheritdoc/>
    public void OnDeleted(T obj) => Enqueue(obj);

    private void Enqueue(T obj)
    {
        if (keyOf(obj) is { } key)
        {
            queue.Add(key);
        }
    }
}
