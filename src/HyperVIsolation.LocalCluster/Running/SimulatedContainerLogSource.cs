using HyperVIsolation.LocalApiServer.Logs;
using HyperVIsolation.SimulatedNodes;

namespace HyperVIsolation.LocalCluster.Running;

/// <summary>The simulated nodes' container logs as the local API server's <c>pods/log</c> source (the kubelet's role).</summary>
public sealed class SimulatedContainerLogSource(SimulatedNodeCluster nodes) : IContainerLogSource
{
    /// <inheritdoc />
    public ContainerLog? Read(string nodeName, string podUid, string container, bool previous)
    {
        var node = nodes.Nodes.FirstOrDefault(n => n.Name == nodeName);
        if (node?.Logs.Read(podUid, container, previous) is not { } log)
        {
            return null;
        }

        return new ContainerLog(log.Lines.Select(l => new ContainerLogLine(l.Time, l.Text)).ToList(), log.Running);
    }
}
