using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Resources;

namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>
/// Kubernetes object semantics over <see cref="ObjectStore"/>: uid, creationTimestamp, generateName,
/// generation (bumped on spec changes only), optimistic concurrency, status isolation, finalizers and
/// graceful deletion, and namespace lifecycle checks.
/// </summary>
public sealed class ObjectLifecycle(ObjectStore store, IReadOnlyList<IWriteHook> hooks, TimeProvider clock)
{
    private const string NameAllowed = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    /// <summary>The underlying store.</summary>
    public ObjectStore Store => store;

    /// <summary>Creates an object in <paramref name="ns"/> (empty for cluster-scoped resources).</summary>
    public JsonObject Create(ResourceDefinition resource, string ns, JsonObject obj, WriteContext context)
    {
        var metadata = ObjectMetadata.Of(obj);
        SetTypeMeta(resource, obj);
        ApplyNamespace(resource, ns, metadata);
        RequireLiveNamespace(resource, ns);
        foreach (var field in new[] { "uid", "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink" })
        {
            metadata.Remove(field);
        }

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = ObjectMetadata.Timestamp(clock.GetUtcNow());
        metadata["generation"] = 1L;
        var generateName = ObjectMetadata.Text(obj, "generateName");
        var explicitName = ObjectMetadata.Name(obj);
        if (explicitName.Length == 0 && generateName is null)
        {
            throw ApiErrors.Invalid(resource.Group, resource.Kind, string.Empty, [FieldError.Required("metadata.name")]);
        }

        for (var attempt = 0; ; attempt++)
        {
            if (explicitName.Length == 0)
            {
                metadata["name"] = generateName + RandomSuffix();
            }

            ValidateName(resource, ObjectMetadata.Name(obj));
            foreach (var hook in hooks)
            {
                hook.Prepare(resource, obj, null, context);
            }

            if (context.DryRun)
            {
                return obj;
            }

            try
            {
                var stored = store.Create(resource.StorageKey, resource.Group, obj);
                Notify(resource, stored);
                return stored;
            }
            catch (ApiException e) when (e.Reason == "AlreadyExists" && explicitName.Length == 0 && attempt < 5)
            {
                // A generated name collided; draw another suffix.
            }
        }
    }

    /// <summary>Replaces an object (or, with <paramref name="subresource"/> <c>status</c>, only its status).</summary>
    public JsonObject Update(ResourceDefinition resource, string ns, string name, JsonObject obj, string? subresource, WriteContext context)
    {
        SetTypeMeta(resource, obj);
        var bodyName = ObjectMetadata.Name(obj);
        if (bodyName.Length > 0 && bodyName != name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        var stored = store.Update(resource.StorageKey, resource.Group, ns, name, current => Merge(resource, current, obj, subresource, context), ReadyForRemoval);
        Notify(resource, stored);
        return stored;
    }

    /// <summary>Applies a change function to the current object (used by patch, binding, scale and the garbage collector).</summary>
    public JsonObject Mutate(ResourceDefinition resource, string ns, string name, string? subresource, WriteContext context, Func<JsonObject, JsonObject> change)
    {
        var stored = store.Update(
            resource.StorageKey,
            resource.Group,
            ns,
            name,
            current => Merge(resource, current, change((JsonObject)current.DeepClone()), subresource, context, checkVersion: true),
            ReadyForRemoval);
        Notify(resource, stored);
        return stored;
    }

    /// <summary>Deletes an object: removed at once, or marked with a deletionTimestamp while finalizers remain.</summary>
    public DeleteOutcome Delete(ResourceDefinition resource, string ns, string name, DeleteRequest request)
    {
        var current = store.Get(resource.StorageKey, ns, name) ?? throw ApiErrors.NotFound(resource.Group, resource.Plural, name);
        CheckPreconditions(resource, name, current, request);
        var extraFinalizer = request.PropagationPolicy switch
        {
            "Foreground" => "foregroundDeletion",
            "Orphan" => "orphan",
            _ => null,
        };
        var keepsObject = ObjectMetadata.Finalizers(current).Count > 0 || extraFinalizer is not null || resource.StorageKey == "namespaces";
        if (!keepsObject)
        {
            var removed = store.Delete(resource.StorageKey, ns, name) ?? throw ApiErrors.NotFound(resource.Group, resource.Plural, name);
            Removed(resource, removed);
            return new DeleteOutcome(removed, true);
        }

        var marked = store.Update(resource.StorageKey, resource.Group, ns, name, obj => MarkDeleting(resource, obj, extraFinalizer), ReadyForRemoval);
        var gone = store.Get(resource.StorageKey, ns, name) is null;
        if (gone)
        {
            Removed(resource, marked);
        }

        return new DeleteOutcome(marked, gone);
    }

    private JsonObject MarkDeleting(ResourceDefinition resource, JsonObject obj, string? extraFinalizer)
    {
        var metadata = ObjectMetadata.Of(obj);
        if (metadata["deletionTimestamp"] is null)
        {
            metadata["deletionTimestamp"] = ObjectMetadata.Timestamp(clock.GetUtcNow());
            metadata["deletionGracePeriodSeconds"] = 0;
        }

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

    private JsonObject Merge(ResourceDefinition resource, JsonObject current, JsonObject incoming, string? subresource, WriteContext context, bool checkVersion = true)
    {
        var name = ObjectMetadata.Name(current);
        var requested = ObjectMetadata.Text(incoming, "resourceVersion");
        if (checkVersion && !string.IsNullOrEmpty(requested) && requested != ObjectMetadata.Text(current, "resourceVersion"))
        {
            throw ApiErrors.Conflict(resource.Group, resource.Plural, name, "the object has been modified; please apply your changes to the latest version and try again");
        }

        JsonObject result;
        if (subresource is "status" or "ephemeralcontainers" or "finalize")
        {
            // Subresource writes change their own part only.
            result = (JsonObject)current.DeepClone();
            CopySubresourcePart(subresource, incoming, result);
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

        KeepImmutableMetadata(current, result);
        SetTypeMeta(resource, result);
        if (result["status"] is null)
        {
            result.Remove("status");
        }

        foreach (var hook in hooks)
        {
            hook.Prepare(resource, result, current, context);
        }

        var generation = long.TryParse(current["metadata"]?["generation"]?.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out var g) ? g : 1;
        ObjectMetadata.Of(result)["generation"] = SpecOf(result) == SpecOf(current) ? generation : generation + 1;
        return result;
    }

    private static void CopySubresourcePart(string subresource, JsonObject incoming, JsonObject result)
    {
        if (subresource == "status")
        {
            result["status"] = incoming["status"]?.DeepClone();
            return;
        }

        var field = subresource == "finalize" ? "finalizers" : "ephemeralContainers";
        var spec = result["spec"] as JsonObject ?? [];
        spec[field] = incoming["spec"]?[field]?.DeepClone();
        result["spec"] = spec;
    }

    private static void KeepImmutableMetadata(JsonObject current, JsonObject result)
    {
        var from = ObjectMetadata.Of(current);
        var to = ObjectMetadata.Of(result);
        foreach (var field in new[] { "name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generateName" })
        {
            to[field] = from[field]?.DeepClone();
            if (to[field] is null)
            {
                to.Remove(field);
            }
        }

        to.Remove("resourceVersion");
    }

    // Everything except metadata and status counts as spec for generation.
    private static string SpecOf(JsonObject obj) =>
        new JsonObject(obj.Where(p => p.Key is not ("metadata" or "status" or "apiVersion" or "kind")).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString();

    private static bool ReadyForRemoval(JsonObject obj)
    {
        if (!ObjectMetadata.IsDeleting(obj) || ObjectMetadata.Finalizers(obj).Count > 0)
        {
            return false;
        }

        return obj["spec"]?["finalizers"] is not JsonArray { Count: > 0 };
    }

    private void Notify(ResourceDefinition resource, JsonObject stored)
    {
        if (ObjectMetadata.Text(stored, "deletionTimestamp") is not null && store.Get(resource.StorageKey, ObjectMetadata.Namespace(stored), ObjectMetadata.Name(stored)) is null)
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

    private static void CheckPreconditions(ResourceDefinition resource, string name, JsonObject current, DeleteRequest request)
    {
        if (request.PreconditionUid is { } uid && uid != ObjectMetadata.Uid(current))
        {
            throw ApiErrors.Conflict(resource.Group, resource.Plural, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {ObjectMetadata.Uid(current)}");
        }

        if (request.PreconditionResourceVersion is { } rv && rv != ObjectMetadata.Text(current, "resourceVersion"))
        {
            throw ApiErrors.Conflict(resource.Group, resource.Plural, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {ObjectMetadata.Text(current, "resourceVersion")}");
        }
    }

    private static void SetTypeMeta(ResourceDefinition resource, JsonObject obj)
    {
        var kind = obj["kind"]?.ToString();
        if (!string.IsNullOrEmpty(kind) && kind != resource.Kind)
        {
            throw ApiErrors.BadRequest($"the kind of the object ({kind}) does not match the kind of the resource ({resource.Kind})");
        }

        obj["kind"] = resource.Kind;
        obj["apiVersion"] = resource.GroupVersion;
    }

    private static void ApplyNamespace(ResourceDefinition resource, string ns, JsonObject metadata)
    {
        if (!resource.Namespaced)
        {
            metadata.Remove("namespace");
            return;
        }

        var bodyNamespace = metadata["namespace"]?.ToString();
        if (!string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != ns)
        {
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        metadata["namespace"] = ns;
    }

    private void RequireLiveNamespace(ResourceDefinition resource, string ns)
    {
        if (!resource.Namespaced)
        {
            return;
        }

        var namespaceObject = store.Get("namespaces", string.Empty, ns) ?? throw ApiErrors.NotFound(string.Empty, "namespaces", ns);
        if (ObjectMetadata.IsDeleting(namespaceObject))
        {
            throw ApiErrors.Forbidden(resource.Group, resource.Plural, string.Empty, $"unable to create new content in namespace {ns} because it is being terminated");
        }
    }

    private static void ValidateName(ResourceDefinition resource, string name)
    {
        var valid = name.Length <= 253 && System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
        if (!valid && resource.Kind is not ("ClusterRole" or "ClusterRoleBinding" or "Role" or "RoleBinding"))
        {
            throw ApiErrors.Invalid(resource.Group, resource.Kind, name, [FieldError.InvalidValue("metadata.name", $"\"{name}\"", NameAllowed)]);
        }
    }

    private static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return new string(Enumerable.Range(0, 5).Select(_ => alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray());
    }
}
