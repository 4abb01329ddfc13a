using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>
/// Reads and writes <c>metadata.managedFields</c>. Like kube-apiserver, entries that cannot be
/// decoded reset the whole list instead of failing the request, and entries are written sorted
/// by operation, time, manager, API version and subresource.
/// </summary>
internal static class ManagedFieldsCodec
{
    public static List<ManagedFieldsEntry> Read(JsonNode? managedFields)
    {
        if (managedFields is not JsonArray entries)
        {
            return [];
        }

        var result = new List<ManagedFieldsEntry>();
        foreach (var entry in entries)
        {
            var decoded = entry is JsonObject obj ? Decode(obj) : null;
            if (decoded is null)
            {
                return [];
            }

            result.Add(decoded);
        }

        return result;
    }

    public static JsonArray Write(IEnumerable<ManagedFieldsEntry> entries) => new([.. entries
        .Where(entry => !entry.Fields.IsEmpty)
        .OrderBy(entry => entry.Operation, StringComparer.Ordinal)
        .ThenBy(entry => UnixSeconds(entry.Time))
        .ThenBy(entry => entry.Manager, StringComparer.Ordinal)
        .ThenBy(entry => entry.ApiVersion, StringComparer.Ordinal)
        .ThenBy(entry => entry.Subresource, StringComparer.Ordinal)
        .Select(Encode)]);

    private static JsonObject Encode(ManagedFieldsEntry entry)
    {
        var obj = new JsonObject
        {
            ["manager"] = entry.Manager,
            ["operation"] = entry.Operation,
            ["apiVersion"] = entry.ApiVersion,
            ["time"] = entry.Time,
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = FieldsV1Codec.Write(entry.Fields),
        };
        if (!string.IsNullOrEmpty(entry.Subresource))
        {
            obj["subresource"] = entry.Subresource;
        }

        return obj;
    }

    private static ManagedFieldsEntry? Decode(JsonObject obj)
    {
        var fields = FieldsV1Codec.Read(obj["fieldsV1"]);
        var operation = StringOf(obj["operation"]);
        if (fields is null || operation is not (ManagedFieldsEntry.ApplyOperation or ManagedFieldsEntry.UpdateOperation))
        {
            return null;
        }

        return new ManagedFieldsEntry(
            StringOf(obj["manager"]) ?? string.Empty,
            operation,
            StringOf(obj["apiVersion"]),
            StringOf(obj["time"]),
            StringOf(obj["subresource"]),
            fields);
    }

    private static long UnixSeconds(string? time) =>
        DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.ToUnixTimeSeconds()
            : 0;

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
