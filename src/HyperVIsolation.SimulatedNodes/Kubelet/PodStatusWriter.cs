using System.Net;
using HyperVIsolation.ControllerRuntime.ApiAccess;
using k8s;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Kubelet;

/// <summary>
/// kubelet's status manager for one node: renders a pod's status from its record and writes it only
/// when it differs from what the server has. The server has what was last written while the pod's
/// resourceVersion is the one that write returned, so the status is serialised once per sync; only
/// after someone else changed the pod is the server's status serialised to compare.
/// </summary>
internal sealed class PodStatusWriter(IKubernetes client, string hostIp)
{
    /// <summary>Writes <paramref name="cached"/>'s status if it changed; returns whether it wrote.</summary>
    public async Task<bool> WriteAsync(V1Pod cached, PodRuntimeRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Until the watch brings the last write back, the pod that write returned is the newest known.
        var pod = record.WrittenPod is { } written && cached.Metadata.ResourceVersion == record.WrittenFrom ? written : cached;
        var status = PodStatusRenderer.Render(pod, record, hostIp, now);
        var json = KubernetesJson.Serialize(status);
        var serverHasLastWrite = record.WrittenPod is { } last && pod.Metadata.ResourceVersion == last.Metadata.ResourceVersion;
        if (json == record.LastWrittenStatus && (serverHasLastWrite || json == KubernetesJson.Serialize(pod.Status)))
        {
            return false;
        }

        // A new pod around the cached metadata and spec: objects in the cache are never changed in place.
        var update = new V1Pod { ApiVersion = pod.ApiVersion, Kind = pod.Kind, Metadata = pod.Metadata, Spec = pod.Spec, Status = status };
        try
        {
            var result = await client.CoreV1.ReplaceNamespacedPodStatusAsync(update, pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
            record.LastWrittenStatus = json;
            record.WrittenPod = result;
            record.WrittenFrom = pod.Metadata.ResourceVersion;
            return true;
        }
        catch (Exception e) when (ApiFailure.Is(e, HttpStatusCode.Conflict) || ApiFailure.Is(e, HttpStatusCode.NotFound))
        {
            // Changed meanwhile: the watch brings the newer pod and its sync writes again.
            return false;
        }
    }
}
