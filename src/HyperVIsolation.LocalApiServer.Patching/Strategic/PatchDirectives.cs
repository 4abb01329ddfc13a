using System.Text.Json;
using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Patching.Strategic;

/// <summary>The <c>$</c>-prefixed keys of a strategic merge patch and how to read them.</summary>
internal static class PatchDirectives
{
    public const string Patch = "$patch";
    public const string RetainKeys = "$retainKeys";
    public const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";
    public const string SetElementOrderPrefix = "$setElementOrder/";

    public static bool IsDirective(string key) =>
        key == Patch
        || key == RetainKeys
        || key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal)
        || key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal);

    public static PatchDirectiveKind KindOf(JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(Patch, out var value))
        {
            return PatchDirectiveKind.Merge;
        }

        return StringOf(value) switch
        {
            "merge" => PatchDirectiveKind.Merge,
            "replace" => PatchDirectiveKind.Replace,
            "delete" => PatchDirectiveKind.Delete,
            _ => throw PatchException.BadRequest($"unknown patch type: {value?.ToJsonString() ?? "null"}"),
        };
    }

    /// <summary>The list value of a directive; anything but an array is a malformed patch.</summary>
    public static JsonArray ListOf(JsonNode? value, string directive) =>
        value as JsonArray ?? throw PatchException.BadRequest($"the value of {directive} must be a list");

    public static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
