namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>
/// Feeds loops that, instead of a work queue, wake on a <see cref="ChangeSignal"/> and re-read the cache:
/// records the key of every changed object (both the old and the new one, so a pod recreated under the same
/// name shows up under both uids) and wakes the signal.
/// </summary>
/// <typeparam name="T">The resource type.</typeparam>
/// <param name="keyOf">The key the loop knows an object by (a uid, or <c>namespace/name</c>).</param>
/// <param name="signal">Woken on every change.</param>
public sealed class ChangeTracker<T>(Func<T, string> keyOf, ChangeSignal signal) : IResourceChangeHandler<T>
    where T : class
{
    private readonly Lock gate = new();
    private readonly HashSet<string> changed = new(StringComparer.Ordinal);

    /// <summary>The keys added, changed or removed since the last call.</summary>
    public IReadOnlyCollection<string> TakeChanges()
    {
        lock (gate)
        {
            if (changed.Count == 0)
            {
                return [];
            }

            string[] taken = [.. changed];
            changed.Clear();
            return taken;
        }
    }

    /// <inheritdoc/>
    public void OnAdded(T obj) => Record(obj, null);

    /// <inheritdoc/>
    public void OnUpdated(T oldObj, T newObj) => Record(newObj, oldObj);

    /// <inheritdoc/>
    public void OnDeleted(T obj) => Record(obj, null);

    private void Record(T obj, T? old)
    {
        lock (gate)
        {
            changed.Add(keyOf(obj));
            if (old is not null)
            {
                changed.Add(keyOf(old));
            }
        }

        signal.Notify();
    }
}
