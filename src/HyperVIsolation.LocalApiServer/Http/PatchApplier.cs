using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Patching;
using HyperVIsolation.LocalApiServer.Patching.Json;
using HyperVIsolation.LocalApiServer.Patching.Strategic;
using HyperVIsolation.LocalApiServer.Resources;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>
/// Applies a PATCH body to the live object according to its media type, using the Patching library.
/// </summary>
public static class PatchApplier
{
    /// <summary>JSON Patch media type.</summary>
    public const string JsonPatchType = "application/json-patch+json";

    /// <summary>JSON merge patch media type.</summary>
    public const string MergePatchType = "application/merge-patch+json";

    /// <summary>Strategic merge patch media type (built-in kinds only).</summary>
    public const string StrategicMergePatchType = "application/strategic-merge-patch+json";

    /// <summary>Server-side apply media type.</summary>
    public const string ApplyPatchType = "application/apply-patch+yaml";

    /// <summary>Checks the media type is a patch type the resource accepts; 415 otherwise.</summary>
    public static void CheckMediaType(ResourceDefinition resource, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Custom is not null && mediaType == StrategicMergePatchType)
        {
            throw new ApiException(415, "UnsupportedMediaType", StrategicMergePatch.UnsupportedForCustomResources);
        }

        var supported = new[] { JsonPatchType, MergePatchType, StrategicMergePatchType, ApplyPatchType };
        if (!supported.Contains(mediaType))
        {
            throw new ApiException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", supported)}");
        }
    }

    /// <summary>Returns the patched object (JSON patch, merge patch or strategic merge patch).</summary>
    public static JsonObject Apply(string mediaType, JsonObject current, JsonNode? patch) => Translate(() =>
    {
        var result = mediaType switch
        {
            JsonPatchType => JsonPatch.Apply(current, patch),
            StrategicMergePatchType => StrategicMergePatch.Apply(current, patch),
            _ => JsonMergePatch.ApplyToObject(current, patch),
        };
        return result as JsonObject ?? throw ApiErrors.BadRequest("the patch result is not a JSON object");
    });

    /// <summary>Runs a Patching library call, turning its <see cref="PatchException"/> into a <c>Status</c> error.</summary>
    public static T Translate<T>(Func<T> patching)
    {
        ArgumentNullException.ThrowIfNull(patching);
        try
        {
            return patching();
        }
        catch (PatchException e)
        {
            var causes = new JsonArray(e.Causes.Select(c => (JsonNode)new JsonObject { ["reason"] = c.Type, ["message"] = c.Message, ["field"] = c.Field }).ToArray());
            throw new ApiException(e.StatusCode, e.Reason, e.Message, causes.Count > 0 ? new JsonObject { ["causes"] = causes } : null);
        }
    }
}
