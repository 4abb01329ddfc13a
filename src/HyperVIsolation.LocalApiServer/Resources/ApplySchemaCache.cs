using System.Runtime.CompilerServices;
using HyperVIsolation.LocalApiServer.Patching.Schema;

namespace HyperVIsolation.LocalApiServer.Resources;

/// <summary>
/// The merge strategies (<see cref="ApplySchema"/>) of each served resource. Custom resources
/// cache theirs per CRD registration: every CRD change builds new details, so a stale schema
/// is never used and old ones are collected with their details.
/// </summary>
public sealed class ApplySchemaCache
{
    private readonly ConditionalWeakTable<CustomResourceDetails, ApplySchema> custom = [];

    /// <summary>The strategies of <paramref name="resource"/>.</summary>
    public ApplySchema For(ResourceDefinition resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Custom is { } details
            ? custom.GetValue(details, d => ApplySchema.FromOpenApiSchema(d.Schema))
            : ApplySchema.ForBuiltIn(resource.GroupVersion, resource.Kind) ?? ApplySchema.Untyped;
    }
}
