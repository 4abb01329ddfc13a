using System.Globalization;
using System.Text.Json.Nodes;
using HyperVIsolation.Api;
using HyperVIsolation.NodeAgent.Readiness;
using k8s;
using k8s.Models;

namespace HyperVIsolation.NodeAgent.Capacity;

/// <summary>
/// Advertises or withdraws the node's <c>isolation.hyperv.dev/vm</c> extended resource with a merge patch of the
/// <c>status</c> subresource, as Kubernetes documents for extended resources. Both <c>capacity</c> and
/// <c>allocatable</c> are written: kubelet copies capacity into allocatable on its next status update anyway, and
/// writing both lets the scheduler use the value at once.
/// </summary>
/// <param name="client">The client.</param>
public sealed class NodeCapacityWriter(IKubernetes client)
{
    /// <summary>The VMs <paramref name="node"/> advertises now, or <see langword="null"/> when it advertises none.</summary>
    public static long? Advertised(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Status?.Capacity?.TryGetValue(WellKnownResources.HyperVVm, out var capacity) == true
            && node.Status.Allocatable?.TryGetValue(WellKnownResources.HyperVVm, out var allocatable) == true
            && capacity.ToDecimal() == allocatable.ToDecimal()
            ? (long)capacity.ToDecimal()
            : null;
    }

    /// <summary>Advertises <paramref name="vms"/> VMs on <paramref name="node"/>, or withdraws the resource when <see langword="null"/>; writes nothing when the node already says so.</summary>
    /// <returns>Whether a write was made.</returns>
    public async Task<bool> SetAsync(V1Node node, long? vms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var present = node.Status?.Capacity?.ContainsKey(WellKnownResources.HyperVVm) == true || node.Status?.Allocatable?.ContainsKey(WellKnownResources.HyperVVm) == true;
        if (vms is null ? !present : Advertised(node) == vms)
        {
            return false;
        }

        // A merge patch's null deletes the key; nothing else in the status is touched.
        var value = vms?.ToString(CultureInfo.InvariantCulture);
        var patch = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["capacity"] = new JsonObject { [WellKnownResources.HyperVVm] = value },
                ["allocatable"] = new JsonObject { [WellKnownResources.HyperVVm] = value },
            },
        };
        await client.CoreV1.PatchNodeStatusAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), node.Metadata!.Name, fieldManager: NodeLabelWriter.FieldManager, cancellationToken: cancellationToken);
        return true;
    }
}
