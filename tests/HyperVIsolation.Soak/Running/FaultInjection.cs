using HyperVIsolation.LocalApiServer.Faults;
using HyperVIsolation.NodeAgent.Hcs;
using HyperVIsolation.SimulatedNodes.Pool;
using HyperVIsolation.Soak.Plan;

namespace HyperVIsolation.Soak.Running;

/// <summary>
/// Injects a planned fault into the soak cluster through the fault machinery the pieces already have (the API server's
/// <see cref="FaultInjector"/>, the nodes' <see cref="SimulatedNodeFaults"/> and HCS, the agents' containerd service, the
/// replica set's kill switch) and heals timed faults when their time is up; <see cref="HealAllAsync"/> ends every fault.
/// </summary>
public sealed class FaultInjection(SoakCluster cluster)
{
    /// <summary>No share of requests fails: how a burst ends without touching a latency spike.</summary>
    private static readonly FaultRule NoFailures = new(500, 0);

    private readonly List<Task> healing = [];
    private readonly Dictionary<int, int> nodeFaultGeneration = [];
    private int burstGeneration;
    private int latencyGeneration;

    /// <summary>Injects <paramref name="fault"/>; false when it could not be injected now (no leader to kill).</summary>
    public async Task<bool> InjectAsync(ScheduledFault fault, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var faults = cluster.Server.Faults;
        var node = cluster.Nodes.Nodes[fault.Node % cluster.Nodes.Nodes.Count];
        switch (fault.Kind)
        {
            case FaultKind.WatchCut:
                faults.DropAllWatches();
                return true;
            case FaultKind.Compaction:
                // Compacted, then cut: every watcher re-watches from a version the server no longer has and gets 410 Gone.
                faults.CompactHistory();
                faults.DropAllWatches();
                return true;
            case FaultKind.Throttling:
            case FaultKind.ServerErrors:
                var burst = Interlocked.Increment(ref burstGeneration);
                faults.FailRequests(new FaultRule(fault.StatusCode, fault.Share) { Seed = burst, RetryAfterSeconds = 1 });
                HealLater(fault.Duration, () => Volatile.Read(ref burstGeneration) == burst, () => faults.FailRequests(NoFailures), cancellationToken);
                return true;
            case FaultKind.LatencySpike:
                var spike = Interlocked.Increment(ref latencyGeneration);
                faults.AddLatency(fault.Latency);
                HealLater(fault.Duration, () => Volatile.Read(ref latencyGeneration) == spike, () => faults.AddLatency(TimeSpan.Zero), cancellationToken);
                return true;
            case FaultKind.ApiServerRestart:
                await faults.RestartAsync(cancellationToken);
                return true;
            case FaultKind.LeaderKill:
                return await cluster.Operators.KillLeaderAsync(cancellationToken);
            case FaultKind.NodeNotReady:
                int generation;
                lock (nodeFaultGeneration)
                {
                    generation = nodeFaultGeneration[node.Index] = nodeFaultGeneration.GetValueOrDefault(node.Index) + 1;
                }

                node.Faults.SetReadiness(fault.Unreachable ? NodeReadinessFault.Unreachable : NodeReadinessFault.ReportsNotReady);
                HealLater(fault.Duration, () => CurrentNodeFault(node.Index) == generation, () => node.Faults.SetReadiness(NodeReadinessFault.None), cancellationToken);
                return true;
            case FaultKind.ContainerdRestart:
                await cluster.Agents.Containerd[node.Name].RestartAsync(cancellationToken);
                return true;
            case FaultKind.VmBootFailure:
                node.Hcs.FailNextBoot(HcsErrorCodes.InvalidState);
                return true;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault.Kind, "Unknown fault kind.");
        }
    }

    /// <summary>Ends every fault: no failing requests, no latency, every node ready, containerd back, timers done.</summary>
    public async Task HealAllAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref burstGeneration);
        Interlocked.Increment(ref latencyGeneration);
        cluster.Server.Faults.Clear();
        foreach (var node in cluster.Nodes.Nodes)
        {
            lock (nodeFaultGeneration)
            {
                nodeFaultGeneration[node.Index] = nodeFaultGeneration.GetValueOrDefault(node.Index) + 1;
            }

            node.Faults.SetReadiness(NodeReadinessFault.None);
        }

        Task[] pending;
        lock (healing)
        {
            pending = [.. healing];
            healing.Clear();
        }

        await Task.WhenAll(pending);
        while (cluster.Nodes.Nodes.Any(node => node.Faults.IsCriUnavailable))
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    private int CurrentNodeFault(int node)
    {
        lock (nodeFaultGeneration)
        {
            return nodeFaultGeneration.GetValueOrDefault(node);
        }
    }

    /// <summary>Undoes a timed fault after <paramref name="after"/> unless a later fault of the same kind replaced it.</summary>
    private void HealLater(TimeSpan after, Func<bool> stillCurrent, Action heal, CancellationToken cancellationToken)
    {
        var task = Task.Run(
            async () =>
            {
                try
                {
                    await Task.Delay(after, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                if (stillCurrent())
                {
                    heal();
                }
            },
            CancellationToken.None);
        lock (healing)
        {
            healing.Add(task);
        }
    }
}
