namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>A pod's <c>status.phase</c>.</summary>
public enum PodPhase
{
    /// <summary>Accepted, not all containers running yet (or no phase reported).</summary>
    Pending,

    /// <summary>Bound to a node, containers started.</summary>
    Running,

    /// <summary>All containers ended successfully and will not restart.</summary>
    Succeeded,

    /// <summary>All containers ended, at least one in failure, and will not restart.</summary>
    Failed,

    /// <summary>The node stopped reporting.</summary>
    Unknown,
}
