using HyperVIsolation.NodeAgent.Inspection;
using HyperVIsolation.SimulatedNodes.Pool;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Agent;

/// <summary>The node agent's view of a simulated host: the facts its node group declares (in place of the Windows registry and services).</summary>
/// <param name="node">The simulated node.</param>
public sealed class SimulatedHostInspector(SimulatedNode node) : IHostInspector
{
    /// <inheritdoc/>
    public Task<HostFacts> InspectAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var group = node.Group;
        var memory = new ResourceQuantity(group.Memory).ToInt64();
        return Task.FromResult(new HostFacts(node.Build, group.BuildRevision, "Server" + group.Edition, group.HyperVEnabled, group.ContainerdVersion, memory));
    }
}
