using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Resources;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.CustomResources;

/// <summary>
/// Prunes, defaults and validates custom resources against their CRD schema, honouring
/// <c>fieldValidation</c>: Strict rejects unknown fields (400), Warn adds warnings, Ignore drops them silently.
/// </summary>
public sealed class CustomResourceSchemaHook : IWriteHook
{
    /// <inheritdoc />
    public void Prepare(ResourceDefinition resource, JsonObject obj, JsonObject? current, WriteContext context)
    {
        if (resource.Custom?.Schema is not { } schema)
        {
            return;
        }

        var unknown = SchemaPruner.Prune(obj, schema);
        if (unknown.Count > 0 && context.FieldValidation == "Strict")
        {
            throw ApiErrors.BadRequest("strict decoding error: " + string.Join(", ", unknown.Select(u => $"unknown field \"{u}\"")));
        }

        if (context.FieldValidation == "Warn")
        {
            context.Warnings.AddRange(unknown.Select(u => $"unknown field \"{u}\""));
        }

        StructuralSchemaValidator.ApplyDefaults(obj, schema);
        var errors = StructuralSchemaValidator.Validate(obj, schema);
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
