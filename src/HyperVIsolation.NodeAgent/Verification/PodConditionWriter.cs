using System.Text.Json.Nodes;
using HyperVIsolation.Api;
using HyperVIsolation.NodeAgent.Readiness;
using k8s;
using k8s.Models;

namespace HyperVIsolation.NodeAgent.Verification;

/// <summary>Sets the VM-verified condition of a pod with a strategic merge patch of <c>pods/status</c>, keyed by condition type.</summary>
/// <param name="client">The client.</param>
/// <param name="time">The clock for transition times.</param>
public sealed class PodConditionWriter(IKubernetes client, TimeProvider time)
{
    /// <summary>The pod's VM-verified condition, or <see langword="null"/> when it has none.</summary>
    public static V1PodCondition? Current(V1Pod pod) =>
        pod?.Status?.Conditions?.FirstOrDefault(condition => condition?.Type == VmVerification.ConditionType);

    /// <summary>Writes <paramref name="verdict"/> as the pod's condition; nothing when the condition already says it.</summary>
    /// <returns>Whether a write was made.</returns>
    public async Task<bool> SetAsync(V1Pod pod, PodVmVerdict verdict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(verdict);
        var status = verdict.Verified ? "True" : "False";
        var current = Current(pod);
        if (current is not null && current.Status == status && current.Reason == verdict.Reason && current.Message == verdict.Message)
        {
            return false;
        }

        // The transition time moves only when the status does, as kubelet keeps it for its own conditions.
        var since = current?.Status == status && current.LastTransitionTime is { } kept
            ? new DateTimeOffset(DateTime.SpecifyKind(kept, DateTimeKind.Utc))
            : time.GetUtcNow();
        var condition = new JsonObject
        {
            ["type"] = VmVerification.ConditionType,
            ["status"] = status,
            ["reason"] = verdict.Reason,
            ["message"] = verdict.Message,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
        var patch = new JsonObject { ["status"] = new JsonObject { ["conditions"] = new JsonArray(condition) } };
        await client.CoreV1.PatchNamespacedPodStatusAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch),
            pod.Metadata!.Name,
            pod.Metadata.NamespaceProperty,
            fieldManager: NodeLabelWriter.FieldManager,
            cancellationToken: cancellationToken);
        return true;
    }
}
