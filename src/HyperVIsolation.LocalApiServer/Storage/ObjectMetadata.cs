using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>Typed reads and writes of the <c>metadata</c> fields the store's semantics rely on.</summary>
public static class ObjectMetadata
{
    /// <summary>The metadata object, created when missing.</summary>
    public static JsonObject Of(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            obj["metadata"] = metadata;
        }

        return metadata;
    }

    /// <summary>A string field of metadata, or null.</summary>
    public static string? Text(JsonObject obj, string field) =>
        obj["metadata"]?[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Object name.</summary>
    public static string Name(JsonObject obj) => Text(obj, "name") ?? string.Empty;

    /// <summary>Object namespace (empty when cluster-scoped).</summary>
    public static string Namespace(JsonObject obj) => Text(obj, "namespace") ?? string.Empty;

    /// <summary>Object uid.</summary>
    public static string Uid(JsonObject obj) => Text(obj, "uid") ?? string.Empty;

    /// <summary>Finalizers.</summary>
    public static List<string> Finalizers(JsonObject obj) =>
        (obj["metadata"]?["finalizers"] as JsonArray)?.Select(f => f?.ToString() ?? string.Empty).ToList() ?? [];

    /// <summary>Replaces the finalizers (removes the field when empty).</summary>
    public static void SetFinalizers(JsonObject obj, IEnumerable<string> finalizers)
    {
        var list = finalizers.Distinct().ToList();
        if (list.Count == 0)
        {
            Of(obj).Remove("finalizers");
            return;
        }

        Of(obj)["finalizers"] = new JsonArray(list.Select(f => (JsonNode)f).ToArray());
    }

    /// <summary>True when a deletionTimestamp is set.</summary>
    public static bool IsDeleting(JsonObject obj) => Text(obj, "deletionTimestamp") is not null;

    /// <summary>Owner uids from ownerReferences.</summary>
    public static List<(string Uid, bool BlockOwnerDeletion)> Owners(JsonObject obj) =>
        (obj["metadata"]?["ownerReferences"] as JsonArray)?
            .OfType<JsonObject>()
            .Select(o => (o["uid"]?.ToString() ?? string.Empty, o["blockOwnerDeletion"]?.GetValue<bool>() ?? false))
            .ToList() ?? [];

    /// <summary>The current time in the RFC 3339 form Kubernetes uses.</summary>
    public static string Timestamp(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
