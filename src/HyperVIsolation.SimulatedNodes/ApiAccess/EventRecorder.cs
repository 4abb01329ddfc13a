using System.Globalization;
using k8s;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.ApiAccess;

/// <summary>Writes core/v1 Events about pods, as kube-scheduler and kubelet do (best effort: a failed event is dropped).</summary>
public sealed class EventRecorder(IKubernetes client, string component, string? host, TimeProvider timeProvider)
{
    /// <summary>Records an event about <paramref name="pod"/>.</summary>
    public async Task RecordAsync(V1Pod pod, string type, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var name = string.Create(CultureInfo.InvariantCulture, $"{pod.Metadata.Name}.{now.Ticks:x}{Random.Shared.Next(0x1000):x3}");
        var ev = new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = pod.Metadata.NamespaceProperty },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = "v1",
                Kind = "Pod",
                Name = pod.Metadata.Name,
                NamespaceProperty = pod.Metadata.NamespaceProperty,
                Uid = pod.Metadata.Uid,
                ResourceVersion = pod.Metadata.ResourceVersion,
            },
            Reason = reason,
            Message = message,
            Type = type,
            Count = 1,
            FirstTimestamp = now,
            LastTimestamp = now,
            Source = new V1EventSource { Component = component, Host = host },
            ReportingComponent = component,
            ReportingInstance = host ?? component,
        };
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(ev, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (ApiErrors.IsTransient(e) && !cancellationToken.IsCancellationRequested)
        {
            // Events are best effort in Kubernetes too.
        }
    }
}
