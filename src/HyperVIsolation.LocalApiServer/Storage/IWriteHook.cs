using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Resources;

namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>
/// Resource-specific behaviour around generic writes (defaults, validation, CRD registration),
/// the local stand-in for kube-apiserver's per-type strategies.
/// </summary>
public interface IWriteHook
{
    /// <summary>Defaults and validates an object about to be created or updated (throws to reject).</summary>
    void Prepare(ResourceDefinition resource, JsonObject obj, JsonObject? current, WriteContext context);

    /// <summary>Reacts to a stored object (created or updated).</summary>
    void Written(ResourceDefinition resource, JsonObject stored);

    /// <summary>Reacts to a removed object.</summary>
    void Removed(ResourceDefinition resource, JsonObject removed);
}
