using HyperVIsolation.SimulatedNodes.Kubelet;
using HyperVIsolation.SimulatedNodes.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HyperVIsolation.SimulatedNodes;

/// <summary>Settings of a <see cref="SimulatedNodeCluster"/> beyond the node pool itself.</summary>
public sealed record SimulatedNodeClusterOptions
{
    /// <summary>The clock of heartbeats, boot times and back-offs.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Loggers.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Run the simulated scheduler (off when a real kube-scheduler places pods).</summary>
    public bool RunScheduler { get; init; } = true;

    /// <summary>
    /// Whether a Node that already exists under a pool node's name is taken over (patched, as a restarted
    /// kubelet re-registers). Off when attaching to someone's cluster: registration then fails instead, so
    /// nothing this process did not create is changed or, later, deleted.
    /// </summary>
    public bool AdoptExistingNodes { get; init; } = true;

    /// <summary>Scheduler settings.</summary>
    public SchedulerLoopOptions Scheduler { get; init; } = new();

    /// <summary>Kubelet settings, shared by every node.</summary>
    public KubeletLoopOptions Kubelet { get; init; } = new();
}
