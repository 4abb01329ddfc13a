using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.Resources;

/// <summary>
/// The field selector labels each resource accepts, as kube-apiserver's field label conversions
/// define them: a selector on any other field is a 400 naming it, never silently ignored.
/// </summary>
public static class SelectableFields
{
    private static readonly string[] MetadataOnly = ["metadata.name", "metadata.namespace"];

    private static readonly string[] EventFields =
    [
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
        "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
        "reason", "reportingComponent", "source", "type", "metadata.namespace", "metadata.name",
    ];

    // Kinds with their own conversion function answer "field label not supported"; the others fall
    // back to the default conversion with its own wording.
    private static readonly Dictionary<string, string[]> Converted = new(StringComparer.Ordinal)
    {
        ["pods"] =
        [
            "metadata.name", "metadata.namespace", "spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
            "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName",
        ],
        ["nodes"] = ["metadata.name", "spec.unschedulable"],
        ["events"] = EventFields,
        ["events.events.k8s.io"] = [.. EventFields, "regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "reportingController"],
        ["namespaces"] = ["status.phase", "metadata.name"],
        ["secrets"] = ["type", "metadata.namespace", "metadata.name"],
        ["services"] = ["metadata.namespace", "metadata.name", "spec.clusterIP", "spec.type"],
        ["replicasets.apps"] = ["metadata.name", "metadata.namespace", "status.replicas"],
    };

    /// <summary>400 BadRequest naming the first field of <paramref name="selector"/> the resource cannot select on.</summary>
    public static void Check(ResourceDefinition resource, FieldSelector selector)
    {
        foreach (var path in selector.Paths)
        {
            if (Reject(resource, path) is { } message)
            {
                throw ApiErrors.BadRequest(message);
            }
        }
    }

    private static string? Reject(ResourceDefinition resource, string path)
    {
        if (resource.Custom is not null)
        {
            // apiextensions' converter: the name always, the namespace only for namespaced resources.
            var known = path == "metadata.name" || (resource.Namespaced && path == "metadata.namespace");
            return known ? null : $"field label not supported: {path}";
        }

        if (Converted.TryGetValue(resource.StorageKey, out var fields))
        {
            return fields.Contains(path) ? null : $"field label not supported: {path}";
        }

        return MetadataOnly.Contains(path) ? null : $"\"{path}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"";
    }
}
