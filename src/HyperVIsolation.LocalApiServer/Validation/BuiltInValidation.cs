using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Resources;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.Validation;

/// <summary>
/// The validation kube-apiserver's strategies run on the built-in kinds this project touches
/// (after defaults and mutating admission), answered as one 422 listing every error.
/// </summary>
public sealed class BuiltInValidation : IWriteHook
{
    /// <inheritdoc />
    public void Prepare(ResourceDefinition resource, JsonObject obj, JsonObject? current, WriteContext context)
    {
        var errors = new List<FieldError>();
        if (current is not null)
        {
            errors.AddRange(FinalizerRules.Validate(obj, current));
        }

        errors.AddRange(resource.StorageKey switch
        {
            "pods" when current is not null && context.Subresource is null => PodUpdateRules.Validate(current["spec"] as JsonObject, obj["spec"] as JsonObject),
            "pods" when current is null => ExtendedResourceRules.ValidatePod(obj["spec"] as JsonObject),
            "nodes" => ExtendedResourceRules.ValidateNode(obj),
            "runtimeclasses.node.k8s.io" => RuntimeClassRules.Validate(obj, current),
            "networkpolicies.networking.k8s.io" => NetworkPolicyRules.Validate(obj),
            _ => [],
        });
        if (errors.Count > 0)
        {
            throw ApiErrors.Invalid(resource.Group, resource.Kind, ObjectMetadata.Name(obj), errors);
        }
    }

    /// <inheritdoc />
    public void Written(ResourceDefinition resource, JsonObject stored)
    {
    }

    /// <inheritdoc />
    public void Removed(ResourceDefinition resource, JsonObject removed)
    {
    }
}
