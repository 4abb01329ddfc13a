using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.SimulatedNodes.Pool;

namespace HyperVIsolation.SimulatedNodes.Agent;

/// <summary>Restarts a simulated node's containerd: CRI goes away for <paramref name="downtime"/> (the simulated kubelet reads the new configuration on its next pod).</summary>
/// <param name="node">The simulated node.</param>
/// <param name="downtime">How long CRI is unavailable.</param>
public sealed class SimulatedContainerdService(SimulatedNode node, TimeSpan downtime) : IContainerdService
{
    /// <summary>How many restarts were requested.</summary>
    public int Restarts => Volatile.Read(ref restarts);

    private int restarts;

    /// <inheritdoc/>
    public Task RestartAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        Interlocked.Increment(ref restarts);
        node.Faults.RestartContainerd(downtime);
        return Task.CompletedTask;
    }
}
