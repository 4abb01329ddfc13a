using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Tables;

/// <summary>
/// kube-apiserver's event printer (both event APIs share it): LAST SEEN, TYPE, REASON, OBJECT, MESSAGE,
/// and the wide SUBOBJECT, SOURCE, FIRST SEEN, COUNT and NAME.
/// </summary>
public static class EventRow
{
    /// <summary>The event columns.</summary>
    public static IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Last Seen", "string", "The time at which the most recent occurrence of this event was recorded."),
        new("Type", "string", "Type of this event (Normal, Warning), new types could be added in the future"),
        new("Reason", "string", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
        new("Object", "string", "The object that this event is about."),
        new("Subobject", "string", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].", 1),
        new("Source", "string", "The component reporting this event. Should be a short machine understandable string.", 1),
        new("Message", "string", "A human-readable description of the status of this operation."),
        new("First Seen", "string", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", 1),
        new("Count", "string", "The number of times this event has occurred.", 1),
        new("Name", "string", "Name must be unique within a namespace.", 1, "name"),
    ];

    /// <summary>The cells of one event (core/v1 or events.k8s.io/v1 field names) at <paramref name="now"/>.</summary>
    public static JsonNode?[] Cells(JsonObject e, DateTimeOffset now)
    {
        var first = First(e, "firstTimestamp", "deprecatedFirstTimestamp") is { Length: > 0 } f ? f : JsonRead.Text(e["eventTime"]);
        var firstSeen = HumanDuration.Since(first, now);
        var last = First(e, "lastTimestamp", "deprecatedLastTimestamp");
        var lastSeen = last.Length > 0 ? HumanDuration.Since(last, now) : firstSeen;
        var count = JsonRead.Number(e["count"]) is var c && c != 0 ? c : JsonRead.Number(e["deprecatedCount"]);
        if (e["series"] is JsonObject series)
        {
            lastSeen = HumanDuration.Since(JsonRead.Text(series["lastObservedTime"]), now);
            count = JsonRead.Number(series["count"]);
        }
        else if (count == 0)
        {
            count = 1;
        }

        var regarding = e["involvedObject"] as JsonObject ?? e["regarding"] as JsonObject ?? [];
        var kind = JsonRead.Text(regarding["kind"]).ToLowerInvariant();
        var name = JsonRead.Text(regarding["name"]);
        var source = e["source"] as JsonObject ?? e["deprecatedSource"] as JsonObject ?? [];
        var component = Either(JsonRead.Text(source["component"]), JsonRead.Text(e["reportingController"]) is { Length: > 0 } rc ? rc : JsonRead.Text(e["reportingComponent"]));
        var instance = Either(JsonRead.Text(source["host"]), JsonRead.Text(e["reportingInstance"]));
        return
        [
            lastSeen,
            JsonRead.Text(e["type"]),
            JsonRead.Text(e["reason"]),
            name.Length > 0 ? $"{kind}/{name}" : kind,
            JsonRead.Text(regarding["fieldPath"]),
            instance.Length == 0 ? component : $"{component}, {instance}",
            First(e, "message", "note").Trim(),
            firstSeen,
            count,
            JsonRead.Text(e["metadata"]?["name"]),
        ];
    }

    private static string First(JsonObject e, string field, string alternative) =>
        JsonRead.Text(e[field]) is { Length: > 0 } value ? value : JsonRead.Text(e[alternative]);

    private static string Either(string preferred, string fallback) => preferred.Length > 0 ? preferred : fallback;
}
