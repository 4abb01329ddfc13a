using HyperVIsolation.ControllerRuntime.Queue;
using k8s;
using k8s.Models;

namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>
/// The objects of one informer by key, with an index by the UID of their controlling owner (the
/// ownerReference with <c>controller: true</c>), so a reconciler finds the pods it owns without a list.
/// Thread-safe. Reads return the cached instances themselves, shared by every reader: callers must
/// never modify them (copy first).
/// </summary>
/// <typeparam name="T">The resource type.</typeparam>
public sealed class ResourceStore<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Dictionary<ObjectKey, T> _items = [];
    private readonly Dictionary<string, HashSet<ObjectKey>> _byOwner = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>How many objects are cached.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>The cached object with <paramref name="key"/>, if any.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The shared cached instance, or <see langword="null"/>.</returns>
    public T? Get(ObjectKey key)
    {
        lock (_lock)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    /// <summary>The cached objects, optionally of one namespace.</summary>
    /// <param name="namespace">Only this namespace, when set.</param>
    /// <returns>A snapshot list of the shared cached instances.</returns>
    public IReadOnlyList<T> List(string? @namespace = null)
    {
        lock (_lock)
        {
            return @namespace is null
                ? [.. _items.Values]
                : [.. _items.Where(pair => pair.Key.Namespace == @namespace).Select(pair => pair.Value)];
        }
    }

    /// <summary>The cached objects whose controlling owner has <paramref name="ownerUid"/>.</summary>
    /// <param name="ownerUid">The owner's UID.</param>
    /// <returns>A snapshot list of the shared cached instances.</returns>
    public IReadOnlyList<T> ListByOwner(string ownerUid)
    {
        lock (_lock)
        {
            return _byOwner.TryGetValue(ownerUid, out var keys) ? [.. keys.Select(key => _items[key])] : [];
        }
    }

    /// <summary>Stores <paramref name="obj"/>, replacing the object with the same key.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>The replaced object, or <see langword="null"/> if it is new.</returns>
    public T? Upsert(T obj)
    {
        var key = ObjectKey.From(obj);
        lock (_lock)
        {
            var old = RemoveLocked(key);
            AddLocked(key, obj);
            return old;
        }
    }

    /// <summary>Removes the object with <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The removed object, or <see langword="null"/> if there was none.</returns>
    public T? Remove(ObjectKey key)
    {
        lock (_lock)
        {
            return RemoveLocked(key);
        }
    }

    /// <summary>
    /// Replaces the whole content with a fresh list and returns the differences: objects added, objects
    /// whose resourceVersion changed, objects gone. Unchanged objects produce nothing, so a relist after a
    /// 410 neither loses nor repeats work.
    /// </summary>
    /// <param name="objects">The listed objects.</param>
    /// <returns>The differences.</returns>
    public IReadOnlyList<ResourceChange<T>> Replace(IEnumerable<T> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var listed = new Dictionary<ObjectKey, T>();
        foreach (var obj in objects)
        {
            listed[ObjectKey.From(obj)] = obj;
        }

        lock (_lock)
        {
            var changes = new List<ResourceChange<T>>();
            foreach (var (key, old) in _items.Where(pair => !listed.ContainsKey(pair.Key)).ToList())
            {
                RemoveLocked(key);
                changes.Add(new ResourceChange<T>(ResourceChangeKind.Deleted, old, null));
            }

            foreach (var (key, obj) in listed)
            {
                var old = RemoveLocked(key);
                AddLocked(key, obj);
                if (Change(old, obj) is { } change)
                {
                    changes.Add(change);
                }
            }

            return changes;
        }
    }

    private static ResourceChange<T>? Change(T? old, T obj)
    {
        if (old is null)
        {
            return new ResourceChange<T>(ResourceChangeKind.Added, null, obj);
        }

        return old.Metadata?.ResourceVersion == obj.Metadata?.ResourceVersion
            ? null
            : new ResourceChange<T>(ResourceChangeKind.Updated, old, obj);
    }

    private void AddLocked(ObjectKey key, T obj)
    {
        _items[key] = obj;
        if (ControllerOwner.UidOf(obj) is { } owner)
        {
            if (!_byOwner.TryGetValue(owner, out var keys))
            {
                _byOwner[owner] = keys = [];
            }

            keys.Add(key);
        }
    }

    private T? RemoveLocked(ObjectKey key)
    {
        if (!_items.Remove(key, out var old))
        {
            return null;
        }

        if (ControllerOwner.UidOf(old) is { } owner && _byOwner.TryGetValue(owner, out var keys))
        {
            keys.Remove(key);
            if (keys.Count == 0)
            {
                _byOwner.Remove(owner);
            }
        }

        return old;
    }
}
