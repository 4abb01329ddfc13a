using System.Globalization;
using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;

namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>
/// In-memory versioned object store: objects per resource keyed by namespace/name, one global
/// monotonic resource version, a bounded change history (for watch replay and paginated snapshots)
/// and live watch subscriptions. Stored objects are never mutated: readers share them as
/// <see cref="StoredObject"/>s (with their serialised bytes), writers get clones.
/// </summary>
public sealed class ObjectStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, SortedDictionary<string, StoredObject>> tables = new(StringComparer.Ordinal);
    private readonly LinkedList<StoredEvent> history = new();
    private readonly List<WatchSubscription> watchers = [];
    private readonly int historyCapacity;
    private long resourceVersion;
    private long compactedThrough;

    /// <summary>Creates a store keeping at most <paramref name="historyCapacity"/> changes.</summary>
    public ObjectStore(int historyCapacity) => this.historyCapacity = Math.Max(1, historyCapacity);

    /// <summary>Raised after every change, outside the store lock (used to wake the garbage collector).</summary>
    public event Action? Changed;

    /// <summary>Latest resource version handed out.</summary>
    public long CurrentResourceVersion
    {
        get
        {
            lock (gate)
            {
                return resourceVersion;
            }
        }
    }

    /// <summary>Reads one object (a clone), or null.</summary>
    public JsonObject? Get(string resource, string ns, string name)
    {
        // Stored objects are never mutated, so the copy is made outside the lock every request takes.
        StoredObject? found;
        lock (gate)
        {
            found = Table(resource).GetValueOrDefault(ObjectKey.Of(ns, name));
        }

        return found is null ? null : (JsonObject)found.Object.DeepClone();
    }

    /// <summary>Reads one stored object without copying it (read it only), or null.</summary>
    public StoredObject? Read(string resource, string ns, string name)
    {
        lock (gate)
        {
            return Table(resource).GetValueOrDefault(ObjectKey.Of(ns, name));
        }
    }

    /// <summary>Reads every object of a resource (clones), optionally in one namespace.</summary>
    public IReadOnlyList<JsonObject> All(string resource, string? ns = null)
    {
        List<StoredObject> found;
        lock (gate)
        {
            found = [.. Table(resource).Values.Where(o => ns is null || o.Namespace == ns)];
        }

        return found.ConvertAll(o => (JsonObject)o.Object.DeepClone());
    }

    /// <summary>Reads every stored object of a resource without copying them (read them only).</summary>
    public IReadOnlyList<StoredObject> ReadAll(string resource)
    {
        lock (gate)
        {
            return [.. Table(resource).Values];
        }
    }

    /// <summary>
    /// Every stored object of every resource and the version they are current at, without copies:
    /// stored objects are never mutated, so sharing them is safe as long as the caller only reads them.
    /// Used by the garbage collector, whose passes would otherwise clone the whole store each time.
    /// </summary>
    internal (long Version, List<(string Key, JsonObject Object)> Objects) ReadOnlySnapshot()
    {
        lock (gate)
        {
            var objects = new List<(string Key, JsonObject Object)>();
            foreach (var (resource, table) in tables)
            {
                objects.AddRange(table.Values.Select(o => (resource, o.Object)));
            }

            return (resourceVersion, objects);
        }
    }

    /// <summary>Storage keys of every resource that holds objects.</summary>
    public IReadOnlyList<string> Resources()
    {
        lock (gate)
        {
            return tables.Where(t => t.Value.Count > 0).Select(t => t.Key).ToList();
        }
    }

    /// <summary>Lists objects matching <paramref name="filter"/>, paginated at a consistent snapshot.</summary>
    public ListPage List(string resource, string? ns, Func<StoredObject, bool> filter, int? limit, ContinueToken? from)
    {
        // Only references are collected: stored objects are never mutated, so the page shares them.
        var page = new List<StoredObject>();
        long snapshotVersion;
        string? lastKey = null;
        var remaining = 0;
        lock (gate)
        {
            snapshotVersion = from?.ResourceVersion ?? resourceVersion;
            IEnumerable<KeyValuePair<string, StoredObject>> source = from is null || from.ResourceVersion == resourceVersion
                ? Table(resource)
                : SnapshotAt(resource, from.ResourceVersion);
            foreach (var (key, obj) in source)
            {
                if ((from is not null && string.CompareOrdinal(key, from.StartAfter) <= 0) || (ns is not null && obj.Namespace != ns) || !filter(obj))
                {
                    continue;
                }

                if (limit is > 0 && page.Count == limit)
                {
                    remaining++;
                    continue;
                }

                page.Add(obj);
                lastKey = key;
            }
        }

        return remaining == 0
            ? new ListPage(page, snapshotVersion, null, null)
            : new ListPage(page, snapshotVersion, new ContinueToken(snapshotVersion, lastKey!).Encode(), remaining);
    }

    /// <summary>Stores a new object; 409 AlreadyExists when the key is taken.</summary>
    public JsonObject Create(string resource, string group, JsonObject obj)
    {
        StoredObject stored;
        lock (gate)
        {
            var (ns, name) = (NamespaceOf(obj), NameOf(obj));
            var table = Table(resource);
            if (table.ContainsKey(ObjectKey.Of(ns, name)))
            {
                throw ApiErrors.AlreadyExists(group, resource.Split('.')[0], name);
            }

            stored = Stamp(obj);
            table[ObjectKey.Of(ns, name)] = stored;
            Record(new StoredEvent("ADDED", resource, ns, name, resourceVersion, stored, null));
        }

        Changed?.Invoke();
        return (JsonObject)stored.Object.DeepClone();
    }

    /// <summary>
    /// Replaces an object atomically: <paramref name="mutate"/> receives a clone of the current object
    /// and returns the new one (or throws). When <paramref name="remove"/> says so, the object is deleted instead.
    /// </summary>
    public JsonObject Update(string resource, string group, string ns, string name, Func<JsonObject, JsonObject> mutate, Func<JsonObject, bool> remove)
    {
        StoredObject result;
        lock (gate)
        {
            var table = Table(resource);
            var key = ObjectKey.Of(ns, name);
            if (!table.TryGetValue(key, out var current))
            {
                throw ApiErrors.NotFound(group, resource.Split('.')[0], name);
            }

            var updated = mutate((JsonObject)current.Object.DeepClone());
            if (remove(updated))
            {
                result = Remove(resource, table, key, current, updated);
            }
            else if (SameExceptVersion(updated, current.Object))
            {
                // A no-op write keeps the resource version, as kube-apiserver does.
                return (JsonObject)current.Object.DeepClone();
            }
            else
            {
                result = Stamp(updated);
                table[key] = result;
                Record(new StoredEvent("MODIFIED", resource, ns, name, resourceVersion, result, current));
            }
        }

        Changed?.Invoke();
        return (JsonObject)result.Object.DeepClone();
    }

    /// <summary>Removes an object; returns its last state (with the deletion's version) or null when absent.</summary>
    public JsonObject? Delete(string resource, string ns, string name)
    {
        StoredObject? result;
        lock (gate)
        {
            var table = Table(resource);
            var key = ObjectKey.Of(ns, name);
            result = table.TryGetValue(key, out var current) ? Remove(resource, table, key, current, current.Object) : null;
        }

        if (result is not null)
        {
            Changed?.Invoke();
        }

        return (JsonObject?)result?.Object.DeepClone();
    }

    /// <summary>
    /// Starts a watch. With <paramref name="fromVersion"/> every change after it is replayed first
    /// (410 Expired when it was compacted); without it, the current objects arrive as ADDED events.
    /// </summary>
    public WatchSubscription Watch(string resource, string? ns, long? fromVersion)
    {
        lock (gate)
        {
            var subscription = new WatchSubscription(resource, ns, Detach);
            if (fromVersion is { } from)
            {
                if (from < compactedThrough)
                {
                    throw ApiErrors.Expired($"too old resource version: {from} ({compactedThrough + 1})");
                }

                foreach (var change in history.Where(e => e.ResourceVersion > from && subscription.Accepts(e)))
                {
                    subscription.Events.Writer.TryWrite(change);
                }
            }
            else
            {
                foreach (var obj in Table(resource).Values.Where(o => ns is null || o.Namespace == ns))
                {
                    subscription.Events.Writer.TryWrite(new StoredEvent("ADDED", resource, obj.Namespace, obj.Name, obj.ResourceVersion, obj, null));
                }
            }

            watchers.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Drops the whole change history: older versions then answer 410 Expired.</summary>
    public void CompactHistory()
    {
        lock (gate)
        {
            history.Clear();
            compactedThrough = resourceVersion;
        }
    }

    /// <summary>Ends every live watch (clients see the stream close and re-watch).</summary>
    public void CloseAllWatches()
    {
        lock (gate)
        {
            foreach (var watcher in watchers)
            {
                watcher.Events.Writer.TryComplete();
            }

            watchers.Clear();
        }
    }

    // True when the two objects differ at most in metadata.resourceVersion. The updated object is the
    // caller's own copy: it takes the current version for the comparison and gets its own back after.
    private static bool SameExceptVersion(JsonObject updated, JsonObject current)
    {
        if (updated["metadata"] is not JsonObject metadata)
        {
            return false;
        }

        var hadOwn = metadata.TryGetPropertyValue("resourceVersion", out var own);
        SetOrRemove(metadata, current["metadata"]?["resourceVersion"]?.DeepClone(), current["metadata"]?["resourceVersion"] is not null);
        var same = JsonNode.DeepEquals(updated, current);
        SetOrRemove(metadata, own, hadOwn);
        return same;
    }

    private static void SetOrRemove(JsonObject metadata, JsonNode? version, bool present)
    {
        if (present)
        {
            // Replacing in place keeps the field where it was.
            metadata["resourceVersion"] = version;
        }
        else
        {
            metadata.Remove("resourceVersion");
        }
    }

    private StoredObject Remove(string resource, SortedDictionary<string, StoredObject> table, string key, StoredObject current, JsonObject last)
    {
        table.Remove(key);
        var deleted = Stamp(last);
        Record(new StoredEvent("DELETED", resource, current.Namespace, current.Name, resourceVersion, deleted, current));
        return deleted;
    }

    private StoredObject Stamp(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        resourceVersion++;
        var metadata = copy["metadata"] as JsonObject ?? [];
        copy["metadata"] = metadata;
        metadata["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture);
        return new StoredObject(copy);
    }

    private void Record(StoredEvent change)
    {
        history.AddLast(change);
        while (history.Count > historyCapacity)
        {
            compactedThrough = history.First!.Value.ResourceVersion;
            history.RemoveFirst();
        }

        foreach (var watcher in watchers.Where(w => w.Accepts(change)))
        {
            watcher.Events.Writer.TryWrite(change);
        }
    }

    // A resource's table as it was at a past version: the current table with newer changes undone.
    // Only the keys those changes touched are looked up in the history; the rest of the table is read
    // in place (merged in key order) rather than copied for every page.
    private IEnumerable<KeyValuePair<string, StoredObject>> SnapshotAt(string resource, long version)
    {
        if (version < compactedThrough)
        {
            throw ApiErrors.Expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
        }

        var table = Table(resource);
        var undone = new Dictionary<string, StoredObject?>(StringComparer.Ordinal);
        for (var node = history.Last; node is not null && node.Value.ResourceVersion > version; node = node.Previous)
        {
            var change = node.Value;
            if (change.Resource == resource)
            {
                // Walking backwards, the oldest change after the snapshot wins: its previous state is the snapshot's.
                undone[ObjectKey.Of(change.Namespace, change.Name)] = change.Previous;
            }
        }

        return undone.Count == 0 ? table : SnapshotMerge.Merge(table, undone);
    }

    private void Detach(WatchSubscription subscription)
    {
        lock (gate)
        {
            watchers.Remove(subscription);
        }
    }

    private SortedDictionary<string, StoredObject> Table(string resource)
    {
        if (!tables.TryGetValue(resource, out var table))
        {
            table = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
            tables[resource] = table;
        }

        return table;
    }

    private static string NamespaceOf(JsonObject obj) => obj["metadata"]?["namespace"]?.GetValue<string>() ?? string.Empty;

    private static string NameOf(JsonObject obj) => obj["metadata"]?["name"]?.GetValue<string>() ?? string.Empty;
}
