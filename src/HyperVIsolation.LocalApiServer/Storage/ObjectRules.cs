using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Resources;

namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>The stateless checks and copies of object metadata that every write applies.</summary>
internal static class ObjectRules
{
    private const string NameAllowed = Validation.DnsNames.SubdomainMessage;

    /// <summary>Sets kind and apiVersion; 400 when the body names another kind.</summary>
    public static void SetTypeMeta(ResourceDefinition resource, JsonObject obj)
    {
        var kind = obj["kind"]?.ToString();
        if (!string.IsNullOrEmpty(kind) && kind != resource.Kind)
        {
            throw ApiErrors.BadRequest($"the kind of the object ({kind}) does not match the kind of the resource ({resource.Kind})");
        }

        obj["kind"] = resource.Kind;
        obj["apiVersion"] = resource.GroupVersion;
    }

    /// <summary>Sets the namespace from the path; 400 when the body names another one.</summary>
    public static void ApplyNamespace(ResourceDefinition resource, string ns, JsonObject metadata)
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

    /// <summary>422 when the name is not a DNS subdomain (RBAC kinds allow path segment names).</summary>
    public static void ValidateName(ResourceDefinition resource, string name)
    {
        var valid = name.Length <= 253 && System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
        if (!valid && resource.Kind is not ("ClusterRole" or "ClusterRoleBinding" or "Role" or "RoleBinding"))
        {
            throw ApiErrors.Invalid(resource.Group, resource.Kind, name, [FieldError.InvalidValue("metadata.name", $"\"{name}\"", NameAllowed)]);
        }
    }

    /// <summary>A five-character suffix for generateName, from kube-apiserver's alphabet.</summary>
    public static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return new string(Enumerable.Range(0, 5).Select(_ => alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray());
    }

    /// <summary>Keeps the metadata a client may not change on update.</summary>
    public static void KeepImmutableMetadata(JsonObject current, JsonObject result)
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

    /// <summary>Copies the part a subresource write may change (status, ephemeral containers, finalizers).</summary>
    public static void CopySubresourcePart(string subresource, JsonObject incoming, JsonObject result)
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

    /// <summary>Everything except metadata and status counts as spec for generation.</summary>
    public static string SpecOf(JsonObject obj) =>
        new JsonObject(obj.Where(p => p.Key is not ("metadata" or "status" or "apiVersion" or "kind")).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString();

    /// <summary>
    /// True when a deleting object may leave storage: no finalizers and no pending grace period
    /// (a bound pod waits for its kubelet's delete with grace 0).
    /// </summary>
    public static bool ReadyForRemoval(JsonObject obj)
    {
        if (!ObjectMetadata.IsDeleting(obj) || ObjectMetadata.Finalizers(obj).Count > 0)
        {
            return false;
        }

        if (obj["metadata"]?["deletionGracePeriodSeconds"] is JsonValue grace && grace.TryGetValue<long>(out var seconds) && seconds > 0)
        {
            return false;
        }

        return obj["spec"]?["finalizers"] is not JsonArray { Count: > 0 };
    }

    /// <summary>409 when a delete precondition (uid, resourceVersion) does not hold.</summary>
    public static void CheckPreconditions(ResourceDefinition resource, string name, JsonObject current, DeleteRequest request)
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
}
