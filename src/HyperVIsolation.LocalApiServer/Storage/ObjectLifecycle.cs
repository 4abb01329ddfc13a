using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Patching;
using HyperVIsolation.LocalApiServer.Patching.Apply;
using HyperVIsolation.LocalApiServer.Resources;

namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>
/// Kubernetes object semantics over <see cref="ObjectStore"/>: uid, creationTimestamp, generateName,
/// generation (bumped on spec changes only), optimistic concurrency, status isolation, managed
/// fields of updates, finalizers and graceful deletion, and namespace lifecycle checks.
/// Writes come in two steps (prepare, then commit against the version they were prepared from)
/// so that admission can run between them without holding the store's lock.
/// </summary>
public sealed class ObjectLifecycle(ObjectStore store, IReadOnlyList<IWriteHook> hooks, TimeProvider clock, ApplySchemaCache? schemas = null)
{
    private readonly ApplySchemaCache schemas = schemas ?? new ApplySchemaCache();

    /// <summary>The underlying store.</summary>
    public ObjectStore Store => store;

    /// <summary>Merge strategies of each resource (for managed fields and server-side apply).</summary>
    public ApplySchemaCache Schemas => schemas;

    /// <summary>The clock stamping timestamps.</summary>
    public TimeProvider Clock => clock;

    /// <summary>Creates an object in <paramref name="ns"/> (empty for cluster-scoped resources).</summary>
    public JsonObject Create(ResourceDefinition resource, string ns, JsonObject obj, WriteContext context)
    {
        for (var attempt = 0; ; attempt++)
        {
            var prepared = PrepareCreate(resource, ns, (JsonObject)obj.DeepClone(), context);
            if (context.DryRun)
            {
                return prepared;
            }

            try
            {
                return CommitCreate(resource, prepared);
            }
            catch (ApiException e) when (e.Reason == "AlreadyExists" && ObjectMetadata.Name(obj).Length == 0 && attempt < 5)
            {
                // A generated name collided; draw another suffix.
            }
        }
    }

    /// <summary>Builds the object a create would store (identity, defaults, validation, managed fields).</summary>
    public JsonObject PrepareCreate(ResourceDefinition resource, string ns, JsonObject obj, WriteContext context)
    {
        var metadata = ObjectMetadata.Of(obj);
        ObjectRules.SetTypeMeta(resource, obj);
        ObjectRules.ApplyNamespace(resource, ns, metadata);
        RequireLiveNamespace(resource, ns, ObjectMetadata.Name(obj));
        foreach (var field in new[] { "uid", "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink" })
        {
            metadata.Remove(field);
        }

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = ObjectMetadata.Timestamp(clock.GetUtcNow());
        metadata["generation"] = 1L;
        var generateName = ObjectMetadata.Text(obj, "generateName");
        if (ObjectMetadata.Name(obj).Length == 0)
        {
            if (generateName is null)
            {
                throw ApiErrors.Invalid(resource.Group, resource.Kind, string.Empty, [FieldError.Required("metadata.name")]);
            }

            metadata["name"] = generateName + ObjectRules.RandomSuffix();
        }

        ObjectRules.ValidateName(resource, ObjectMetadata.Name(obj));
        foreach (var hook in hooks)
        {
            hook.Prepare(resource, obj, null, context);
        }

        var prepared = context.FieldManager is { } manager ? Track(resource, null, obj, manager, null) : obj;
        GoKeyOrder.Apply(resource, prepared);
        return prepared;
    }

    /// <summary>Stores a prepared object; 409 AlreadyExists when the name is taken.</summary>
    public JsonObject CommitCreate(ResourceDefinition resource, JsonObject prepared)
    {
        var stored = store.Create(resource.StorageKey, resource.Group, prepared);
        Notify(resource, stored);
        return stored;
    }

    /// <summary>Replaces an object (or, with <paramref name="subresource"/> <c>status</c>, only its status).</summary>
    public JsonObject Update(ResourceDefinition resource, string ns, string name, JsonObject obj, string? subresource, WriteContext context)
    {
        CheckBodyName(resource, name, obj);
        return Mutate(resource, ns, name, subresource, context, _ => obj);
    }

    /// <summary>Applies a change function to the current object (used by patch, binding, scale and the garbage collector).</summary>
    public JsonObject Mutate(ResourceDefinition resource, string ns, string name, string? subresource, WriteContext context, Func<JsonObject, JsonObject> change)
    {
        if (context.DryRun)
        {
            var current = store.Get(resource.StorageKey, ns, name) ?? throw ApiErrors.NotFound(resource.Group, resource.Plural, name);
            return PrepareUpdate(resource, current, change((JsonObject)current.DeepClone()), subresource, context);
        }

        var stored = store.Update(
            resource.StorageKey,
            resource.Group,
            ns,
            name,
            current => PrepareUpdate(resource, current, change((JsonObject)current.DeepClone()), subresource, context),
            ObjectRules.ReadyForRemoval);
        Notify(resource, stored);
        return stored;
    }

    /// <summary>
    /// Builds the object an update of <paramref name="current"/> to <paramref name="incoming"/>
    /// would store: 409 on a stale resourceVersion, subresource isolation, immutable metadata,
    /// hooks, generation and managed fields.
    /// </summary>
    public JsonObject PrepareUpdate(ResourceDefinition resource, JsonObject current, JsonObject incoming, string? subresource, WriteContext context)
    {
        var requested = ObjectMetadata.Text(incoming, "resourceVersion");
        if (!string.IsNullOrEmpty(requested) && requested != ObjectMetadata.Text(current, "resourceVersion"))
        {
            throw ApiErrors.Conflict(resource.Group, resource.Plural, ObjectMetadata.Name(current), "the object has been modified; please apply your changes to the latest version and try again");
        }

        JsonObject result;
        if (subresource is "status" or "ephemeralcontainers" or "finalize")
        {
            // Subresource writes change their own part only.
            result = (JsonObject)current.DeepClone();
            ObjectRules.CopySubresourcePart(subresource, incoming, result);
            if (incoming["metadata"]?["managedFields"] is JsonArray given)
            {
                ObjectMetadata.Of(result)["managedFields"] = given.DeepClone();
            }
        }
        else
        {
            result = (JsonObject)incoming.DeepClone();
            if (resource.HasStatus)
            {
                // With a status subresource, the main resource ignores status changes.
                result["status"] = current["status"]?.DeepClone();
            }
        }

        ObjectRules.KeepImmutableMetadata(current, result);
        ObjectRules.SetTypeMeta(resource, result);
        RemoveNull(result, "status");
        RemoveNull(ObjectMetadata.Of(result), "managedFields");
        var hookContext = subresource is null ? context : context with { Subresource = subresource };
        foreach (var hook in hooks)
        {
            hook.Prepare(resource, result, current, hookContext);
        }

        var generation = long.TryParse(current["metadata"]?["generation"]?.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out var g) ? g : 1;
        GoKeyOrder.Apply(resource, result);
        ObjectMetadata.Of(result)["generation"] = ObjectRules.SpecOf(result) == ObjectRules.SpecOf(current) ? generation : generation + 1;
        var prepared = context.FieldManager is { } manager ? Track(resource, current, result, manager, subresource) : result;
        GoKeyOrder.Apply(resource, prepared);
        return prepared;
    }

    /// <summary>
    /// Stores a prepared update if the object is still at <paramref name="expectedResourceVersion"/>;
    /// <see cref="StaleWriteException"/> otherwise.
    /// </summary>
    public JsonObject CommitUpdate(ResourceDefinition resource, string ns, string name, string? expectedResourceVersion, JsonObject prepared)
    {
        var stored = store.Update(
            resource.StorageKey,
            resource.Group,
            ns,
            name,
            current => ObjectMetadata.Text(current, "resourceVersion") == expectedResourceVersion ? (JsonObject)prepared.DeepClone() : throw new StaleWriteException(),
            ObjectRules.ReadyForRemoval);
        Notify(resource, stored);
        return stored;
    }

    /// <summary>
    /// Deletes an object: removed at once, or marked with a deletionTimestamp while finalizers
    /// remain or (pods bound to a node) until the grace period is confirmed by the kubelet.
    /// </summary>
    public DeleteOutcome Delete(ResourceDefinition resource, string ns, string name, DeleteRequest request)
    {
        var current = store.Read(resource.StorageKey, ns, name)?.Object ?? throw ApiErrors.NotFound(resource.Group, resource.Plural, name);
        ObjectRules.CheckPreconditions(resource, name, current, request);
        var extraFinalizer = request.PropagationPolicy switch
        {
            "Foreground" => "foregroundDeletion",
            "Orphan" => "orphan",
            _ => null,
        };
        var grace = ObjectMetadata.IsDeleting(current) ? 0 : GracefulDeletion.PeriodFor(resource, current, request);
        var keepsObject = ObjectMetadata.Finalizers(current).Count > 0 || extraFinalizer is not null || resource.StorageKey == "namespaces"
            || grace > 0 || GracefulDeletion.IsPending(current);
        if (!keepsObject)
        {
            var removed = store.Delete(resource.StorageKey, ns, name) ?? throw ApiErrors.NotFound(resource.Group, resource.Plural, name);
            Removed(resource, removed);
            return new DeleteOutcome(removed, true);
        }

        var marked = store.Update(resource.StorageKey, resource.Group, ns, name, obj => MarkDeleting(resource, obj, extraFinalizer, grace, request), ObjectRules.ReadyForRemoval);
        var gone = store.Read(resource.StorageKey, ns, name) is null;
        if (gone)
        {
            Removed(resource, marked);
        }

        return new DeleteOutcome(marked, gone);
    }

    private JsonObject Track(ResourceDefinition resource, JsonObject? before, JsonObject after, string manager, string? subresource)
    {
        try
        {
            return ManagedFieldsTracker.RecordUpdate(before, after, manager, schemas.For(resource), clock.GetUtcNow(), subresource);
        }
        catch (PatchException e)
        {
            throw new ApiException(e.StatusCode, e.Reason, e.Message);
        }
    }

    private JsonObject MarkDeleting(ResourceDefinition resource, JsonObject obj, string? extraFinalizer, long grace, DeleteRequest request)
    {
        GracefulDeletion.Mark(obj, grace, request, clock.GetUtcNow());
        if (extraFinalizer is not null)
        {
            ObjectMetadata.SetFinalizers(obj, [.. ObjectMetadata.Finalizers(obj), extraFinalizer]);
        }

        if (resource.StorageKey == "namespaces")
        {
            var status = obj["status"] as JsonObject ?? [];
            status["phase"] = "Terminating";
            obj["status"] = status;
        }

        return obj;
    }

    private static void CheckBodyName(ResourceDefinition resource, string name, JsonObject obj)
    {
        ObjectRules.SetTypeMeta(resource, obj);
        var bodyName = ObjectMetadata.Name(obj);
        if (bodyName.Length > 0 && bodyName != name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }
    }

    private static void RemoveNull(JsonObject obj, string field)
    {
        if (obj.ContainsKey(field) && obj[field] is null)
        {
            obj.Remove(field);
        }
    }

    private void Notify(ResourceDefinition resource, JsonObject stored)
    {
        if (ObjectMetadata.Text(stored, "deletionTimestamp") is not null && store.Read(resource.StorageKey, ObjectMetadata.Namespace(stored), ObjectMetadata.Name(stored)) is null)
        {
            Removed(resource, stored);
            return;
        }

        foreach (var hook in hooks)
        {
            hook.Written(resource, stored);
        }
    }

    private void Removed(ResourceDefinition resource, JsonObject removed)
    {
        foreach (var hook in hooks)
        {
            hook.Removed(resource, removed);
        }
    }

    private void RequireLiveNamespace(ResourceDefinition resource, string ns, string name)
    {
        if (!resource.Namespaced)
        {
            return;
        }

        var namespaceObject = store.Read("namespaces", string.Empty, ns)?.Object ?? throw ApiErrors.NotFound(string.Empty, "namespaces", ns);
        if (ObjectMetadata.IsDeleting(namespaceObject))
        {
            throw ApiErrors.NamespaceTerminating(resource.Group, resource.Plural, name, ns);
        }
    }
}
