using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.SimulatedNodes.Pool;

namespace HyperVIsolation.SimulatedNodes.Agent;

/// <summary>
/// Restarts a simulated node's containerd as the real one restarts: it reads its configuration with every import
/// (<see cref="ContainerdConfigLoader"/>, containerd's own rules) and, when that fails (a missing imported file,
/// bad TOML, a drop-in of a higher version), stays down with CRI unavailable until a later restart succeeds;
/// otherwise CRI goes away for <paramref name="downtime"/> (the simulated kubelet reads the new configuration on its next pod).
/// </summary>
/// <param name="node">The simulated node.</param>
/// <param name="downtime">How long CRI is unavailable.</param>
public sealed class SimulatedContainerdService(SimulatedNode node, TimeSpan downtime) : IContainerdService
{
    /// <summary>How many restarts were requested.</summary>
    public int Restarts => Volatile.Read(ref restarts);

    private int restarts;

    /// <inheritdoc/>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        Interlocked.Increment(ref restarts);
        try
        {
            await ContainerdConfigLoader.LoadAsync(node.ContainerdConfigPath, cancellationToken);
        }
        catch (Exception exception) when (exception is ContainerdConfigException or IOException)
        {
            node.Faults.FailContainerdStart(exception.Message);
            return;
        }

        node.Faults.RestartContainerd(downtime);
    }
}
