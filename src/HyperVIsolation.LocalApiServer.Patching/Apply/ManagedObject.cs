using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>Splits an object into its content and its managed fields, and puts them back together.</summary>
internal static class ManagedObject
{
    /// <summary>A copy of the object without <c>metadata.managedFields</c>; an empty object for null.</summary>
    public static JsonObject Content(JsonObject? obj)
    {
        var copy = (JsonObject?)obj?.DeepClone() ?? [];
        (copy["metadata"] as JsonObject)?.Remove("managedFields");
        return copy;
    }

    public static JsonNode? ManagedFieldsOf(JsonObject? obj) => (obj?["metadata"] as JsonObject)?["managedFields"];

    public static void SetManagedFields(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var encoded = ManagedFieldsCodec.Write(entries);
        if (obj["metadata"] is not JsonObject metadata)
        {
            if (encoded.Count == 0)
            {
                return;
            }

            metadata = [];
            obj["metadata"] = metadata;
        }

        metadata.Remove("managedFields");
        if (encoded.Count > 0)
        {
            metadata["managedFields"] = encoded;
        }
    }

    public static string? StringMember(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>The <c>metav1.Time</c> format: RFC 3339 in UTC with whole seconds.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
