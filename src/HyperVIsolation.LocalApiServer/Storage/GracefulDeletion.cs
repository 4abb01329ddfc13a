using System.Globalization;
using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Resources;

namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>
/// kube-apiserver's graceful deletion of pods (the only kind we serve with a graceful strategy):
/// a pod bound to a node gets <c>deletionTimestamp = now + grace</c> and stays for its kubelet,
/// which confirms with a delete of grace 0; unbound or finished pods go at once.
/// </summary>
internal static class GracefulDeletion
{
    /// <summary>Default <c>spec.terminationGracePeriodSeconds</c> of a pod.</summary>
    public const long DefaultPodGracePeriodSeconds = 30;

    /// <summary>The grace period a first delete of <paramref name="obj"/> starts (0: no grace).</summary>
    public static long PeriodFor(ResourceDefinition resource, JsonObject obj, DeleteRequest request)
    {
        if (resource.StorageKey != "pods")
        {
            return 0;
        }

        var period = request.GracePeriodSeconds ?? Long(obj["spec"]?["terminationGracePeriodSeconds"]) ?? DefaultPodGracePeriodSeconds;
        var phase = obj["status"]?["phase"]?.ToString();
        if (string.IsNullOrEmpty(obj["spec"]?["nodeName"]?.ToString()) || phase is "Succeeded" or "Failed")
        {
            return 0;
        }

        // Negative values count as one second on the delete path.
        return period < 0 ? 1 : period;
    }

    /// <summary>
    /// Marks <paramref name="obj"/> as deleting with <paramref name="period"/>; an object already
    /// deleting only takes a shorter grace period that the request asked for explicitly.
    /// </summary>
    public static void Mark(JsonObject obj, long period, DeleteRequest request, DateTimeOffset now)
    {
        var metadata = ObjectMetadata.Of(obj);
        if (metadata["deletionTimestamp"] is null)
        {
            metadata["deletionTimestamp"] = ObjectMetadata.Timestamp(now.AddSeconds(period));
            metadata["deletionGracePeriodSeconds"] = period;
            if (period > 0 && Long(metadata["generation"]) is { } generation)
            {
                metadata["generation"] = generation + 1;
            }

            return;
        }

        var existing = Long(metadata["deletionGracePeriodSeconds"]) ?? 0;
        if (existing <= 0 || request.GracePeriodSeconds is not { } asked)
        {
            return;
        }

        var shorter = asked < 0 ? 1 : asked;
        if (shorter >= existing)
        {
            return;
        }

        var timestamp = DateTimeOffset.Parse(metadata["deletionTimestamp"]!.ToString(), CultureInfo.InvariantCulture);
        metadata["deletionTimestamp"] = ObjectMetadata.Timestamp(timestamp.AddSeconds(shorter - existing));
        metadata["deletionGracePeriodSeconds"] = shorter;
    }

    /// <summary>True when the object waits for the end of a grace period.</summary>
    public static bool IsPending(JsonObject obj) =>
        ObjectMetadata.IsDeleting(obj) && Long(obj["metadata"]?["deletionGracePeriodSeconds"]) is > 0;

    private static long? Long(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<long>(out var number) ? number
        : node is JsonValue other && long.TryParse(other.ToString(), CultureInfo.InvariantCulture, out var parsed) ? parsed
        : null;
}
