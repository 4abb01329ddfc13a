using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Resources;

namespace HyperVIsolation.LocalApiServer.Admission;

/// <summary>Builds the <c>admission.k8s.io/v1 AdmissionReview</c> request kube-apiserver sends.</summary>
public static class AdmissionReviewFactory
{
    /// <summary>A review of the request, addressed in the <paramref name="matched"/> version of the resource.</summary>
    public static JsonObject Create(string uid, AdmissionAttributes attributes, ResourceDefinition matched, JsonObject? obj, JsonObject? old)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(matched);
        var requested = attributes.Resource;
        var (kindGroup, kindVersion, kind) = attributes.ObjectKind ?? (requested.Group, requested.Version, requested.Kind);
        var matchedKind = attributes.ObjectKind is null ? (matched.Group, matched.Version, matched.Kind) : (kindGroup, kindVersion, kind);
        var request = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = Kind(matchedKind),
            ["resource"] = Resource(matched),
            ["requestKind"] = Kind((kindGroup, kindVersion, kind)),
            ["requestResource"] = Resource(requested),
            ["name"] = attributes.Name,
            ["namespace"] = attributes.Namespace.Length == 0 ? null : attributes.Namespace,
            ["operation"] = attributes.Operation,
            ["userInfo"] = new JsonObject
            {
                ["username"] = attributes.User.Name,
                ["groups"] = new JsonArray(attributes.User.Groups.Select(g => (JsonNode)g).ToArray()),
            },
            ["object"] = InVersion(obj, matched, attributes),
            ["oldObject"] = InVersion(old, matched, attributes),
            ["dryRun"] = attributes.DryRun,
            ["options"] = attributes.Options.DeepClone(),
        };
        if (attributes.Subresource is not null)
        {
            request["subResource"] = attributes.Subresource;
            request["requestSubResource"] = attributes.Subresource;
        }

        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request };
    }

    // The storage is version-agnostic JSON: a conversion is just the apiVersion.
    private static JsonObject? InVersion(JsonObject? obj, ResourceDefinition matched, AdmissionAttributes attributes)
    {
        if (obj is null)
        {
            return null;
        }

        var copy = (JsonObject)obj.DeepClone();
        if (attributes.ObjectKind is null)
        {
            copy["apiVersion"] = matched.GroupVersion;
        }

        return copy;
    }

    private static JsonObject Kind((string Group, string Version, string Kind) kind) =>
        new() { ["group"] = kind.Group, ["version"] = kind.Version, ["kind"] = kind.Kind };

    private static JsonObject Resource(ResourceDefinition resource) =>
        new() { ["group"] = resource.Group, ["version"] = resource.Version, ["resource"] = resource.Plural };
}
