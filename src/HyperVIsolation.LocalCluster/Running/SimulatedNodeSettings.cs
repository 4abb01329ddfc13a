using HyperVIsolation.SimulatedNodes;
using HyperVIsolation.SimulatedNodes.Kubelet;
using HyperVIsolation.SimulatedNodes.Scheduling;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.LocalCluster.Running;

/// <summary>Simulated node settings for a demo: the kubelet and scheduler react within a second, not a resync period.</summary>
internal static class SimulatedNodeSettings
{
    /// <summary>Fast-reacting settings logging to <paramref name="loggers"/>.</summary>
    public static SimulatedNodeClusterOptions Fast(ILoggerFactory loggers) => new()
    {
        LoggerFactory = loggers,
        Scheduler = new SchedulerLoopOptions { RetryInterval = TimeSpan.FromMilliseconds(500), WatchRetryDelay = TimeSpan.FromMilliseconds(200) },
        Kubelet = new KubeletLoopOptions
        {
            ResyncInterval = TimeSpan.FromSeconds(1),
            SandboxRetryInterval = TimeSpan.FromMilliseconds(500),
            CrashLoopBackOff = TimeSpan.FromSeconds(1),
            WatchRetryDelay = TimeSpan.FromMilliseconds(200),
        },
    };
}
