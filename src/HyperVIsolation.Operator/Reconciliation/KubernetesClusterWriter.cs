using System.Text.Json.Nodes;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.Events;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>The reconcilers' writes through KubernetesClient, every one with the operator's field manager.</summary>
/// <param name="client">The client.</param>
internal sealed class KubernetesClusterWriter(IKubernetes client) : IClusterWriter
{
    /// <summary>The field manager of every write, so managedFields say who set what.</summary>
    public const string FieldManager = "hyperv-isolation";

    private readonly KubernetesEventWriter events = new(client, FieldManager);

    public Task<V1Pod> CreatePodAsync(V1Pod pod, CancellationToken cancellationToken) =>
        client.CoreV1.CreateNamespacedPodAsync(pod, pod.Metadata.NamespaceProperty, fieldManager: FieldManager, cancellationToken: cancellationToken);

    public Task DeletePodAsync(string @namespace, string name, string uid, CancellationToken cancellationToken) =>
        client.CoreV1.DeleteNamespacedPodAsync(
            name, @namespace, new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = uid } }, cancellationToken: cancellationToken);

    public Task SetPodOwnersAsync(
        string @namespace, string name, string uid, string resourceVersion, IReadOnlyList<V1OwnerReference> owners, CancellationToken cancellationToken)
    {
        // A merge patch replaces the whole list; uid and resourceVersion make it apply only to the pod we classified.
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["uid"] = uid,
                ["resourceVersion"] = resourceVersion,
                ["ownerReferences"] = JsonNode.Parse(KubernetesJson.Serialize(owners)),
            },
        };
        return client.CoreV1.PatchNamespacedPodAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), name, @namespace, fieldManager: FieldManager, cancellationToken: cancellationToken);
    }

    public async Task<IsolatedWorkload> ReplaceWorkloadStatusAsync(IsolatedWorkload workload, CancellationToken cancellationToken)
    {
        var metadata = workload.Metadata;
        var replaced = await client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<IsolatedWorkload>(
            workload, ApiGroup.Group, ApiGroup.Version, metadata.NamespaceProperty, IsolatedWorkload.Plural, metadata.Name,
            fieldManager: FieldManager, cancellationToken: cancellationToken);
        return replaced;
    }

    public Task CreateEventAsync(Corev1Event coreEvent, CancellationToken cancellationToken) => events.CreateEventAsync(coreEvent, cancellationToken);

    public Task UpdateEventCountAsync(string @namespace, string name, int count, DateTime lastTimestamp, CancellationToken cancellationToken) =>
        events.UpdateEventCountAsync(@namespace, name, count, lastTimestamp, cancellationToken);

    public Task CreateRuntimeClassAsync(V1RuntimeClass runtimeClass, CancellationToken cancellationToken) =>
        client.NodeV1.CreateRuntimeClassAsync(runtimeClass, fieldManager: FieldManager, cancellationToken: cancellationToken);

    public Task ReplaceRuntimeClassAsync(V1RuntimeClass runtimeClass, CancellationToken cancellationToken) =>
        client.NodeV1.ReplaceRuntimeClassAsync(runtimeClass, runtimeClass.Metadata.Name, fieldManager: FieldManager, cancellationToken: cancellationToken);

    public Task DeleteRuntimeClassAsync(string name, string uid, CancellationToken cancellationToken) =>
        client.NodeV1.DeleteRuntimeClassAsync(name, new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = uid } }, cancellationToken: cancellationToken);
}
