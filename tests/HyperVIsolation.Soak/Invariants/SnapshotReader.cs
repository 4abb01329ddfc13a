using System.Globalization;
using System.Text.Json.Nodes;
using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.LocalApiServer.Storage;
using HyperVIsolation.Operator.Reconciliation;
using HyperVIsolation.Soak.Plan;

namespace HyperVIsolation.Soak.Invariants;

/// <summary>
/// Reads a <see cref="ClusterSnapshot"/> straight from the local API server's store: no request, so the
/// checker sees the truth even while requests fail or are delayed on purpose, and it costs the server nothing.
/// </summary>
public static class SnapshotReader
{
    private static readonly string WorkloadKey = $"{IsolatedWorkload.Plural}.{ApiGroup.Group}";

    /// <summary>The soak namespace's workloads, pods and Events as stored now.</summary>
    public static ClusterSnapshot Read(ObjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new ClusterSnapshot(
            [.. InNamespace(store, WorkloadKey).Select(Workload)],
            [.. InNamespace(store, "pods").Select(Pod)],
            [.. InNamespace(store, "events").Select(Event)]);
    }

    private static IEnumerable<JsonObject> InNamespace(ObjectStore store, string resource) =>
        store.ReadAll(resource).Where(stored => stored.Namespace == SlotNames.Namespace).Select(stored => stored.Object);

    private static WorkloadView Workload(JsonObject obj)
    {
        var metadata = obj["metadata"]?.AsObject();
        var spec = obj["spec"]?.AsObject();
        var status = obj["status"]?.AsObject();
        var ready = status?["conditions"]?.AsArray().Any(condition =>
            condition?["type"]?.GetValue<string>() == WorkloadConditions.Ready && condition["status"]?.GetValue<string>() == "True") ?? false;
        return new WorkloadView(
            Text(metadata, "name") ?? string.Empty,
            Text(metadata, "uid") ?? string.Empty,
            Number(metadata?["generation"]) ?? 0,
            metadata?["deletionTimestamp"] is not null,
            (int)(Number(spec?["replicas"]) ?? 0),
            Revision(spec?["template"]?["annotations"]),
            Number(status?["observedGeneration"]),
            (int?)Number(status?["replicas"]),
            (int?)Number(status?["readyReplicas"]),
            (int?)Number(status?["updatedReplicas"]),
            ready,
            string.Join("; ", status?["conditions"]?.AsArray().Select(condition =>
                $"{condition?["type"]}={condition?["status"]} {condition?["reason"]}: {condition?["message"]}") ?? []));
    }

    private static PodView Pod(JsonObject obj)
    {
        var metadata = obj["metadata"]?.AsObject();
        var owner = metadata?["ownerReferences"]?.AsArray().FirstOrDefault(reference => reference?["controller"]?.GetValue<bool>() == true);
        var ready = obj["status"]?["conditions"]?.AsArray().Any(condition =>
            condition?["type"]?.GetValue<string>() == "Ready" && condition["status"]?.GetValue<string>() == "True") ?? false;
        return new PodView(
            Text(metadata, "name") ?? string.Empty,
            metadata?["labels"]?[WellKnownLabels.Workload]?.GetValue<string>(),
            owner?["uid"]?.GetValue<string>(),
            Revision(metadata?["annotations"]),
            metadata?["labels"]?[WellKnownLabels.TemplateHash]?.GetValue<string>(),
            obj["status"]?["phase"]?.GetValue<string>(),
            ready,
            metadata?["deletionTimestamp"] is not null);
    }

    private static EventView Event(JsonObject obj) => new(
        obj["involvedObject"]?["uid"]?.GetValue<string>(),
        obj["involvedObject"]?["name"]?.GetValue<string>(),
        obj["reason"]?.GetValue<string>(),
        (int)(Number(obj["count"]) ?? 1),
        obj["message"]?.GetValue<string>());

    private static int Revision(JsonNode? annotations) =>
        int.TryParse(annotations?[SlotNames.RevisionAnnotation]?.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var revision) ? revision : -1;

    private static string? Text(JsonObject? obj, string field) => obj?[field]?.GetValue<string>();

    private static long? Number(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        // Parsed JSON holds a JsonElement (any integer reads as long); objects built in code hold the CLR type they were given.
        if (value.TryGetValue<long>(out var number))
        {
            return number;
        }

        return value.TryGetValue<int>(out var small) ? small : null;
    }
}
