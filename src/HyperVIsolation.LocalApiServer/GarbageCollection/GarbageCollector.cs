using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Resources;
using HyperVIsolation.LocalApiServer.Storage;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.LocalApiServer.GarbageCollection;

/// <summary>
/// Background loop doing the work of kube-controller-manager's garbage collector and namespace
/// controller: deletes dependents whose owners are gone (background propagation), deletes dependents
/// of owners in foreground deletion before releasing them, orphans dependents, and empties
/// terminating namespaces before removing them. Runs on every store change and on an interval.
/// </summary>
public sealed partial class GarbageCollector(ObjectLifecycle lifecycle, ResourceCatalog catalog, TimeSpan interval, ILogger<GarbageCollector> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim wake = new(0, 1);
    private readonly CancellationTokenSource stopping = new();
    private Task? loop;
    private long quietVersion = -1;

    /// <summary>Starts the loop.</summary>
    public void Start()
    {
        lifecycle.Store.Changed += Wake;
        loop = Task.Run(() => RunAsync(stopping.Token));
    }

    /// <summary>Runs one collection pass (also used directly by tests).</summary>
    public bool CollectOnce()
    {
        // The store's objects are shared, not cloned: a pass only reads them and writes through the lifecycle.
        var (version, objects) = lifecycle.Store.ReadOnlySnapshot();
        if (version == quietVersion)
        {
            // Nothing changed since a pass that found nothing to do: the outcome would be the same.
            return false;
        }

        var uids = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var dependents = new Dictionary<string, List<(string Key, JsonObject Object)>>(StringComparer.Ordinal);

        // A pass runs after every write, over the whole store: objects that are neither being deleted
        // nor owned (most of them) cannot need anything, so only the others are collected below.
        var candidates = new List<(string Key, JsonObject Object)>();
        foreach (var entry in objects)
        {
            uids.TryAdd(ObjectMetadata.Uid(entry.Object), entry.Object);
            var owned = HasOwners(entry.Object);
            if (owned || ObjectMetadata.IsDeleting(entry.Object))
            {
                candidates.Add(entry);
            }

            if (!owned)
            {
                continue;
            }

            foreach (var ownerUid in ObjectMetadata.Owners(entry.Object).Select(o => o.Uid).Distinct(StringComparer.Ordinal))
            {
                if (!dependents.TryGetValue(ownerUid, out var list))
                {
                    list = [];
                    dependents[ownerUid] = list;
                }

                list.Add(entry);
            }
        }

        var changed = false;
        foreach (var (key, obj) in candidates)
        {
            changed |= Collect(key, obj, uids, dependents, objects);
        }

        quietVersion = changed ? -1 : version;
        return changed;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        lifecycle.Store.Changed -= Wake;
        await stopping.CancelAsync();
        if (loop is not null)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        stopping.Dispose();
        wake.Dispose();
    }

    private bool Collect(
        string key, JsonObject obj, Dictionary<string, JsonObject> uids, Dictionary<string, List<(string Key, JsonObject Object)>> dependentsByOwner, List<(string Key, JsonObject Object)> all)
    {
        if (catalog.FindByStorageKey(key) is null)
        {
            return false;
        }

        var uid = ObjectMetadata.Uid(obj);
        var dependents = dependentsByOwner.TryGetValue(uid, out var found) ? found : [];
        var finalizers = ObjectMetadata.Finalizers(obj);
        if (ObjectMetadata.IsDeleting(obj) && finalizers.Contains("orphan"))
        {
            dependents.ForEach(d => Mutate(d.Key, d.Object, o => RemoveOwner(o, uid)));
            return Mutate(key, obj, o => RemoveFinalizer(o, "orphan"));
        }

        if (ObjectMetadata.IsDeleting(obj) && finalizers.Contains("foregroundDeletion"))
        {
            if (dependents.Count == 0)
            {
                return Mutate(key, obj, o => RemoveFinalizer(o, "foregroundDeletion"));
            }

            dependents.Where(d => !ObjectMetadata.IsDeleting(d.Object)).ToList().ForEach(d => Delete(d.Key, d.Object, "Foreground"));
            return false;
        }

        if (key == "namespaces" && ObjectMetadata.IsDeleting(obj))
        {
            return EmptyNamespace(obj, all);
        }

        var owners = ObjectMetadata.Owners(obj);
        if (owners.Count > 0 && owners.All(o => !uids.ContainsKey(o.Uid)) && !ObjectMetadata.IsDeleting(obj))
        {
            return Delete(key, obj, "Background");
        }

        return false;
    }

    private static bool HasOwners(JsonObject obj) => obj["metadata"]?["ownerReferences"] is JsonArray { Count: > 0 };

    private bool EmptyNamespace(JsonObject ns, List<(string Key, JsonObject Object)> all)
    {
        var name = ObjectMetadata.Name(ns);
        var contents = all.Where(o => o.Key != "namespaces" && ObjectMetadata.Namespace(o.Object) == name).ToList();
        if (contents.Count > 0)
        {
            var deleted = false;
            foreach (var (key, obj) in contents.Where(c => !ObjectMetadata.IsDeleting(c.Object)))
            {
                deleted |= Delete(key, obj, "Background");
            }

            return deleted;
        }

        return Mutate("namespaces", ns, o =>
        {
            (o["spec"] as JsonObject)?.Remove("finalizers");
            return o;
        });
    }

    private static JsonObject RemoveFinalizer(JsonObject obj, string finalizer)
    {
        ObjectMetadata.SetFinalizers(obj, ObjectMetadata.Finalizers(obj).Where(f => f != finalizer));
        return obj;
    }

    private static JsonObject RemoveOwner(JsonObject obj, string uid)
    {
        if (obj["metadata"]?["ownerReferences"] is JsonArray owners)
        {
            foreach (var owner in owners.OfType<JsonObject>().Where(o => o["uid"]?.ToString() == uid).ToList())
            {
                owners.Remove(owner);
            }
        }

        return obj;
    }

    private bool Mutate(string key, JsonObject obj, Func<JsonObject, JsonObject> change)
    {
        var resource = catalog.FindByStorageKey(key);
        if (resource is null)
        {
            return false;
        }

        try
        {
            lifecycle.Mutate(resource, ObjectMetadata.Namespace(obj), ObjectMetadata.Name(obj), null, WriteContext.Default, change);
            return true;
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            return false;
        }
    }

    private bool Delete(string key, JsonObject obj, string propagation)
    {
        var resource = catalog.FindByStorageKey(key);
        if (resource is null)
        {
            return false;
        }

        try
        {
            lifecycle.Delete(resource, ObjectMetadata.Namespace(obj), ObjectMetadata.Name(obj), new DeleteRequest(propagation, ObjectMetadata.Uid(obj), null));
            return true;
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            return false;
        }
    }

    private void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await wake.WaitAsync(interval, cancellationToken);
                while (CollectOnce() && !cancellationToken.IsCancellationRequested)
                {
                    // Keep going while passes make progress (cascades).
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogPassFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Garbage collection pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
