using System.Net;
using HyperVIsolation.ControllerRuntime.ApiAccess;
using HyperVIsolation.SimulatedNodes.Pool;
using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalCluster.Running;

/// <summary>
/// The simulated nodes' footprint on a cluster that is not ours: before anything starts it makes sure
/// no Node or node Lease of the pool's names exists (so everything of those names afterwards is ours),
/// and on stop it deletes exactly those Nodes and Leases, each only while it is still the object this
/// process created (a UID precondition), and nothing else.
/// </summary>
internal sealed class ClusterAttachment
{
    private const string NodeLeaseNamespace = "kube-node-lease";

    private readonly IKubernetes client;
    private readonly IReadOnlyList<string> nodeNames;
    private readonly Dictionary<string, string> nodeUids = new(StringComparer.Ordinal);

    private ClusterAttachment(IKubernetes client, IReadOnlyList<string> nodeNames)
    {
        this.client = client;
        this.nodeNames = nodeNames;
    }

    /// <summary>The pool's node names, which this attachment owns on the cluster.</summary>
    public IReadOnlyList<string> NodeNames => nodeNames;

    /// <summary>The pool's names that the cluster already uses for a Node or a node Lease, in pool order.</summary>
    public static IReadOnlyList<string> Collisions(IReadOnlyList<string> poolNodeNames, IEnumerable<string> existingNodes, IEnumerable<string> existingNodeLeases)
    {
        ArgumentNullException.ThrowIfNull(poolNodeNames);
        var taken = existingNodes.Concat(existingNodeLeases).ToHashSet(StringComparer.Ordinal);
        return [.. poolNodeNames.Where(taken.Contains)];
    }

    /// <summary>Checks that none of the pool's names is in use on the cluster.</summary>
    /// <exception cref="InvalidOperationException">Some are: names them, and nothing was created.</exception>
    public static async Task<ClusterAttachment> ClaimAsync(IKubernetes client, NodePoolConfig pool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var names = SimulatedNodeProvisioner.NodeNames(pool);
        var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken);
        var leases = await ListNodeLeaseNamesAsync(client, cancellationToken);
        var collisions = Collisions(names, nodes.Items.Select(n => n.Metadata.Name), leases);
        if (collisions.Count > 0)
        {
            throw new InvalidOperationException(
                $"the cluster already has a Node or node Lease named {string.Join(", ", collisions)}; the simulated nodes would take them over " +
                "and delete them on stop. Rename the groups in a --nodes pool file (or delete leftovers of an earlier run that was killed).");
        }

        return new ClusterAttachment(client, names);
    }

    /// <summary>Records the UID of each Node now registered, so that stopping deletes that object and not a later namesake.</summary>
    public async Task RecordAsync(CancellationToken cancellationToken)
    {
        foreach (var name in nodeNames)
        {
            var node = await client.CoreV1.ReadNodeAsync(name, cancellationToken: cancellationToken);
            nodeUids[name] = node.Metadata.Uid;
        }
    }

    /// <summary>Deletes the pool's Nodes and their Leases; returns the Nodes deleted.</summary>
    /// <remarks>
    /// A Node never recorded (the start failed half way) is deleted by name: <see cref="ClaimAsync"/> saw
    /// none of these names, and registration refuses to take one over, so any of them now is ours.
    /// </remarks>
    public async Task<IReadOnlyList<string>> RemoveAsync(CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        foreach (var name in nodeNames)
        {
            if (await DeleteNodeAsync(name, cancellationToken))
            {
                removed.Add(name);
            }

            await DeleteLeaseAsync(name, cancellationToken);
        }

        return removed;
    }

    private async Task<bool> DeleteNodeAsync(string name, CancellationToken cancellationToken)
    {
        var uid = nodeUids.GetValueOrDefault(name);
        if (uid is null)
        {
            try
            {
                uid = (await client.CoreV1.ReadNodeAsync(name, cancellationToken: cancellationToken)).Metadata.Uid;
            }
            catch (Exception e) when (ApiFailure.Is(e, HttpStatusCode.NotFound))
            {
                return false;
            }
        }

        try
        {
            await client.CoreV1.DeleteNodeAsync(name, new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = uid } }, cancellationToken: cancellationToken);
            return true;
        }
        catch (Exception e) when (ApiFailure.Is(e, HttpStatusCode.NotFound) || ApiFailure.Is(e, HttpStatusCode.Conflict))
        {
            // Gone already, or replaced by someone else's Node of that name (the UID precondition failed): not ours to delete.
            return false;
        }
    }

    private async Task DeleteLeaseAsync(string name, CancellationToken cancellationToken)
    {
        V1Lease lease;
        try
        {
            lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(name, NodeLeaseNamespace, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (ApiFailure.Is(e, HttpStatusCode.NotFound))
        {
            return;
        }

        // The heartbeat creates it holding the node's name; a Lease someone else holds is left alone.
        if (lease.Spec?.HolderIdentity != name)
        {
            return;
        }

        try
        {
            await client.CoordinationV1.DeleteNamespacedLeaseAsync(
                name, NodeLeaseNamespace, new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = lease.Metadata.Uid } }, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (ApiFailure.Is(e, HttpStatusCode.NotFound) || ApiFailure.Is(e, HttpStatusCode.Conflict))
        {
            // Gone already or replaced.
        }
    }

    private static async Task<IEnumerable<string>> ListNodeLeaseNamesAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        try
        {
            var leases = await client.CoordinationV1.ListNamespacedLeaseAsync(NodeLeaseNamespace, cancellationToken: cancellationToken);
            return leases.Items.Select(l => l.Metadata.Name);
        }
        catch (Exception e) when (ApiFailure.Is(e, HttpStatusCode.NotFound))
        {
            return [];
        }
    }
}
