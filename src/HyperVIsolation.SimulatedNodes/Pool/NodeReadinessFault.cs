namespace HyperVIsolation.SimulatedNodes.Pool;

/// <summary>How a simulated node's readiness is faulted.</summary>
public enum NodeReadinessFault
{
    /// <summary>Healthy: heartbeats flow, Ready=True.</summary>
    None,

    /// <summary>The kubelet keeps posting but reports Ready=False (for example the runtime is down).</summary>
    ReportsNotReady,

    /// <summary>The node went silent: no Lease renewals and Ready=Unknown, as the node lifecycle controller marks it.</summary>
    Unreachable,
}
