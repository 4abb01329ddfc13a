using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Resources;

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
}
