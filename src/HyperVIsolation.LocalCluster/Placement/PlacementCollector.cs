using HyperVIsolation.Api;
using HyperVIsolation.LocalCluster.Progress;
using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalCluster.Placement;

/// <summary>Gathers the placement rows: the workloads' pods and nodes from the API, their VMs from the nodes.</summary>
/// <param name="client">The API.</param>
/// <param name="vms">The nodes' HCS.</param>
internal sealed class PlacementCollector(IKubernetes client, IUtilityVmInspector vms)
{
    /// <summary>One row per live pod of each workload.</summary>
    public async Task<IReadOnlyList<PlacementRow>> CollectAsync(IReadOnlyList<WorkloadKey> workloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        var builds = (await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken)).Items
            .ToDictionary(n => n.Metadata.Name, BuildOf, StringComparer.Ordinal);
        var rows = new List<PlacementRow>();
        foreach (var key in workloads)
        {
            var pods = await client.CoreV1.ListNamespacedPodAsync(
                key.Namespace, labelSelector: $"{WellKnownLabels.Workload}={key.Name}", cancellationToken: cancellationToken);
            foreach (var pod in pods.Items.Where(p => p.Metadata.DeletionTimestamp is null))
            {
                rows.Add(await RowAsync(key, pod, builds, cancellationToken));
            }
        }

        return rows;
    }

    private static string BuildOf(V1Node node) =>
        node.Metadata.Labels is { } labels && labels.TryGetValue(WellKnownLabels.WindowsBuild, out var build)
            ? build
            : node.Status?.NodeInfo?.KernelVersion ?? string.Empty;

    private async Task<PlacementRow> RowAsync(WorkloadKey key, V1Pod pod, Dictionary<string, string> builds, CancellationToken cancellationToken)
    {
        var node = pod.Spec.NodeName ?? string.Empty;
        var vm = node.Length > 0 ? await vms.FindAsync(node, pod.Metadata.Uid, cancellationToken) : null;
        return new PlacementRow
        {
            Workload = key.Name,
            Pod = $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}",
            Node = node,
            NodeBuild = builds.GetValueOrDefault(node) ?? string.Empty,
            Image = pod.Spec.Containers.FirstOrDefault()?.Image ?? string.Empty,
            RuntimeClass = pod.Spec.RuntimeClassName ?? string.Empty,
            VmRequested = PlacementTable.RequestedVm(pod.Metadata.Annotations?.AsReadOnly()),
            VmCreatedMemoryMb = vm?.MemoryMb,
        };
    }
}
