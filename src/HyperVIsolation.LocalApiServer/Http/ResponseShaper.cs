using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Resources;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>
/// Presents a stored object in the requested version: every version of a custom resource shares
/// storage (conversion strategy None), so only <c>apiVersion</c> changes.
/// </summary>
public static class ResponseShaper
{
    /// <summary>Sets kind and apiVersion for the requested resource version.</summary>
    public static JsonObject Shape(ResourceDefinition resource, JsonObject obj)
    {
        obj["apiVersion"] = resource.GroupVersion;
        obj["kind"] = resource.Kind;
        return obj;
    }

    /// <summary>
    /// The stored object as the requested version presents it, for reading only: the stored tree
    /// itself when it already says that version and kind, else a shaped copy.
    /// </summary>
    public static JsonObject View(ResourceDefinition resource, StoredObject stored) =>
        IsPresentedAsStored(resource, stored) ? stored.Object : Shape(resource, (JsonObject)stored.Object.DeepClone());

    /// <summary>The stored object's JSON in the requested version: its cached bytes unless it has to be reshaped.</summary>
    public static byte[] Json(ResourceDefinition resource, StoredObject stored) =>
        IsPresentedAsStored(resource, stored) ? stored.Json : StoredObject.Serialize(Shape(resource, (JsonObject)stored.Object.DeepClone()));

    // Shape would rewrite both fields in place with the values they already have.
    private static bool IsPresentedAsStored(ResourceDefinition resource, StoredObject stored) =>
        stored.ApiVersion == resource.GroupVersion && stored.Kind == resource.Kind;
}
