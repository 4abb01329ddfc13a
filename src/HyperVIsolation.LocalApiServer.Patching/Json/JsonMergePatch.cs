using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Patching.Json;

/// <summary>RFC 7386 JSON merge patch (<c>application/merge-patch+json</c>).</summary>
public static class JsonMergePatch
{
    /// <summary>
    /// Applies <paramref name="patch"/> to a copy of <paramref name="target"/> exactly as RFC 7386
    /// defines it: objects merge recursively, <c>null</c> deletes, anything else replaces.
    /// </summary>
    /// <param name="target">The document to patch; not modified.</param>
    /// <param name="patch">The merge patch; a non-object replaces the whole document.</param>
    /// <returns>The patched copy.</returns>
    /// <exception cref="PatchException">A document is nested absurdly deep.</exception>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        JsonDepthGuard.Ensure(target, "the object");
        JsonDepthGuard.Ensure(patch, "the patch");
        return Merge(target?.DeepClone(), patch);
    }

    /// <summary>
    /// Applies a merge patch to a Kubernetes object the way kube-apiserver does: the patch must be
    /// a JSON object (anything else is a 400 <c>BadRequest</c>), and the result stays an object.
    /// </summary>
    /// <param name="target">The live object; not modified.</param>
    /// <param name="patch">The merge patch object.</param>
    /// <returns>The patched copy.</returns>
    /// <exception cref="PatchException">The patch is not a JSON object.</exception>
    public static JsonObject ApplyToObject(JsonObject target, JsonNode? patch)
    {
        if (patch is not JsonObject)
        {
            throw PatchException.BadRequest("Invalid JSON Patch: a merge patch must be a JSON object");
        }

        return (JsonObject)Apply(target, patch)!;
    }

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
                continue;
            }

            // Objects merge in place so the member keeps its position; anything else is replaced.
            if (result[name] is JsonObject current && value is JsonObject)
            {
                Merge(current, value);
            }
            else
            {
                result[name] = Merge(null, value);
            }
        }

        return result;
    }
}
