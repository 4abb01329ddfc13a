using HyperVIsolation.NodeAgent.Hcs;
using HyperVIsolation.NodeAgent.Hcs.Schema;
using HyperVIsolation.SimulatedNodes;
using HyperVIsolation.SimulatedNodes.Hcs;

namespace HyperVIsolation.LocalCluster.Placement;

/// <summary>
/// Asks a simulated node the way the node agent asks a real one: the pod's sandbox from the container
/// runtime, then the HCS: enumerate the runhcs-owned VMs and read the memory property of the pod's.
/// </summary>
/// <param name="nodes">The simulated nodes.</param>
internal sealed class SimulatedUtilityVmInspector(SimulatedNodeCluster nodes) : IUtilityVmInspector
{
    private const ulong BytesPerMb = 1024 * 1024;

    /// <inheritdoc />
    public async Task<UtilityVmFacts?> FindAsync(string nodeName, string podUid, CancellationToken cancellationToken)
    {
        var node = nodes.Nodes.FirstOrDefault(n => n.Name == nodeName);
        var sandbox = node?.Runtime.ListSandboxes(null).LastOrDefault(s => s.Uid == podUid);
        if (node is null || sandbox is null)
        {
            return null;
        }

        var vmId = SimulatedHostComputeService.UtilityVmId(sandbox.Id);
        var vms = await node.Hcs.EnumerateComputeSystemsAsync(ComputeSystemQuery.PodUtilityVms, cancellationToken);
        var summary = vms.FirstOrDefault(vm => vm.Id.Equals(vmId, StringComparison.OrdinalIgnoreCase));
        if (summary is null)
        {
            return null;
        }

        await using var system = await node.Hcs.OpenComputeSystemAsync(summary.Id, cancellationToken);
        var properties = await system.GetPropertiesAsync(new PropertyQuery { PropertyTypes = [HcsPropertyTypes.Memory] }, cancellationToken);
        var pages = properties.Memory?.VirtualMachineMemory?.AssignedMemory;
        return new UtilityVmFacts(summary.Id, properties.State ?? summary.State, pages * VmMemory.BytesPerPage / BytesPerMb);
    }
}
