using HyperVIsolation.Api.V1Alpha1;
using k8s.Models;

namespace HyperVIsolation.Operator.NetworkIsolation;

/// <summary>
/// Every write the network isolation controller makes, and nothing else: reads come from the caches.
/// Failures surface as the client's <c>HttpOperationException</c>, classified by <c>ApiFailure</c>.
/// </summary>
internal interface INetworkIsolationWriter
{
    /// <summary>Creates a NetworkPolicy.</summary>
    Task CreateNetworkPolicyAsync(V1NetworkPolicy networkPolicy, CancellationToken cancellationToken);

    /// <summary>Replaces a NetworkPolicy (its resourceVersion must be set: a concurrent change gets 409).</summary>
    Task ReplaceNetworkPolicyAsync(V1NetworkPolicy networkPolicy, CancellationToken cancellationToken);

    /// <summary>Deletes a NetworkPolicy, only if it still has <paramref name="uid"/>.</summary>
    Task DeleteNetworkPolicyAsync(string @namespace, string name, string uid, CancellationToken cancellationToken);

    /// <summary>Replaces the status subresource of a policy (optimistic concurrency on its resourceVersion).</summary>
    Task ReplacePolicyStatusAsync(IsolationPolicy policy, CancellationToken cancellationToken);
}
