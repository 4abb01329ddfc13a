using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Reconciliation;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.NetworkIsolation;

/// <summary>The network isolation controller's writes through KubernetesClient, with the operator's field manager.</summary>
/// <param name="client">The client.</param>
internal sealed class KubernetesNetworkIsolationWriter(IKubernetes client) : INetworkIsolationWriter
{
    public Task CreateNetworkPolicyAsync(V1NetworkPolicy networkPolicy, CancellationToken cancellationToken) =>
        client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(
            networkPolicy, networkPolicy.Metadata.NamespaceProperty, fieldManager: KubernetesClusterWriter.FieldManager, cancellationToken: cancellationToken);

    public Task ReplaceNetworkPolicyAsync(V1NetworkPolicy networkPolicy, CancellationToken cancellationToken) =>
        client.NetworkingV1.ReplaceNamespacedNetworkPolicyAsync(
            networkPolicy, networkPolicy.Metadata.Name, networkPolicy.Metadata.NamespaceProperty,
            fieldManager: KubernetesClusterWriter.FieldManager, cancellationToken: cancellationToken);

    public Task DeleteNetworkPolicyAsync(string @namespace, string name, string uid, CancellationToken cancellationToken) =>
        client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync(
            name, @namespace, new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = uid } }, cancellationToken: cancellationToken);

    public Task ReplacePolicyStatusAsync(IsolationPolicy policy, CancellationToken cancellationToken) =>
        client.CustomObjects.ReplaceClusterCustomObjectStatusAsync(
            policy, ApiGroup.Group, ApiGroup.Version, IsolationPolicy.Plural, policy.Metadata.Name,
            fieldManager: KubernetesClusterWriter.FieldManager, cancellationToken: cancellationToken);
}
