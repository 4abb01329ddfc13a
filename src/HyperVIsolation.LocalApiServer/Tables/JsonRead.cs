using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Tables;

/// <summary>Tolerant reads of optional fields for the printers (a missing or mistyped field reads as empty).</summary>
internal static class JsonRead
{
    public static string Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    public static long Number(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<long>(out var n) ? n : 0;

    public static bool Flag(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static IEnumerable<JsonObject> Objects(JsonNode? node) =>
        (node as JsonArray)?.OfType<JsonObject>() ?? [];

    public static int Count(JsonNode? node) => node switch
    {
        JsonObject o => o.Count,
        JsonArray a => a.Count,
        _ => 0,
    };
}
