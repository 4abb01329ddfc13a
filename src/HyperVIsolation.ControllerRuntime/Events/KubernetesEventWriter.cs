using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace HyperVIsolation.ControllerRuntime.Events;

/// <summary>Writes Events through KubernetesClient with the writer's field manager.</summary>
/// <param name="client">The client.</param>
/// <param name="fieldManager">The field manager of every write, so managedFields say who set what.</param>
public sealed class KubernetesEventWriter(IKubernetes client, string fieldManager) : IEventWriter
{
    /// <inheritdoc/>
    public Task CreateEventAsync(Corev1Event coreEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(coreEvent);
        return client.CoreV1.CreateNamespacedEventAsync(coreEvent, coreEvent.Metadata.NamespaceProperty, fieldManager: fieldManager, cancellationToken: cancellationToken);
    }

    /// <inheritdoc/>
    public Task UpdateEventCountAsync(string @namespace, string name, int count, DateTime lastTimestamp, CancellationToken cancellationToken)
    {
        var patch = new JsonObject { ["count"] = count, ["lastTimestamp"] = lastTimestamp.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) };
        return client.CoreV1.PatchNamespacedEventAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), name, @namespace, fieldManager: fieldManager, cancellationToken: cancellationToken);
    }
}
