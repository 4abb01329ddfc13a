using System.Text.Json;
using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Patching.Json;
using HyperVIsolation.LocalApiServer.Patching.Schema;

namespace HyperVIsolation.LocalApiServer.Patching.Strategic;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) for built-in kinds, with
/// the directives <c>$patch</c>, <c>$retainKeys</c>, <c>$deleteFromPrimitiveList/</c> and
/// <c>$setElementOrder/</c>. Custom resources are refused with 415, as kube-apiserver does.
/// </summary>
public static class StrategicMergePatch
{
    /// <summary>The message kube-apiserver answers a strategic merge patch on a custom resource with.</summary>
    public const string UnsupportedForCustomResources =
        "the body of the request was in an unknown format - accepted media types include: "
        + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";

    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="live"/>.</summary>
    /// <param name="live">The live object; its <c>apiVersion</c> and <c>kind</c> select the merge strategies.</param>
    /// <param name="patch">The strategic merge patch, a JSON object.</param>
    /// <returns>The patched copy.</returns>
    /// <exception cref="PatchException">
    /// 415 for a kind outside the built-in API groups, 400 for a malformed patch, 422 when the
    /// patch contradicts its own <c>$retainKeys</c>.
    /// </exception>
    public static JsonObject Apply(JsonObject live, JsonNode? patch)
    {
        var schema = SchemaFor(live);
        if (patch is not JsonObject patchObject)
        {
            throw PatchException.BadRequest("a strategic merge patch must be a JSON object");
        }

        JsonDepthGuard.Ensure(live, "the object");
        JsonDepthGuard.Ensure(patch, "the patch");
        if (PatchDirectives.KindOf(patchObject) == PatchDirectiveKind.Delete)
        {
            throw PatchException.BadRequest("a strategic merge patch cannot delete the whole object");
        }

        return StrategicObjectMerger.Merge((JsonObject)live.DeepClone(), patchObject, schema)!;
    }

    private static SchemaNode SchemaFor(JsonObject live)
    {
        var apiVersion = StringMember(live, "apiVersion");
        var kind = StringMember(live, "kind");
        return BuiltInSchemas.Find(apiVersion, kind) ?? throw PatchException.UnsupportedMediaType(UnsupportedForCustomResources);
    }

    private static string StringMember(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw PatchException.BadRequest($"the object has no string \"{name}\"");
}
