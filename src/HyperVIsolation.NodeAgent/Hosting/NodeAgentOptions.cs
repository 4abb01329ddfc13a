using HyperVIsolation.NodeAgent.Capacity;

namespace HyperVIsolation.NodeAgent.Hosting;

/// <summary>Settings of one node agent.</summary>
public sealed record NodeAgentOptions
{
    /// <summary>The Node this agent runs on and acts on (from the pod's <c>spec.nodeName</c>, through the downward API).</summary>
    public required string NodeName { get; init; }

    /// <summary>containerd's main configuration file; the drop-in goes beside it.</summary>
    public required string ContainerdConfigPath { get; init; }

    /// <summary>How often a ready node is verified again (someone may edit containerd's config or remove Hyper-V).</summary>
    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How soon a node that is not ready (or whose containerd just restarted) is looked at again.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one HCS call may take before it fails with HCS_E_OPERATION_TIMEOUT (a stuck HCS must not hang a reconcile).</summary>
    public TimeSpan HcsOperationTimeout { get; init; } = Hcs.HcsOperationTimeout.Default;

    /// <summary>How the node's <c>isolation.hyperv.dev/vm</c> capacity is counted.</summary>
    public VmCapacityPolicy Capacity { get; init; } = new();

    /// <summary>Every problem with these options; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(NodeName))
        {
            errors.Add("NodeName is required (set NODE_NAME from spec.nodeName).");
        }

        if (string.IsNullOrWhiteSpace(ContainerdConfigPath))
        {
            errors.Add("ContainerdConfigPath is required.");
        }

        if (ResyncInterval <= TimeSpan.Zero || RetryInterval <= TimeSpan.Zero)
        {
            errors.Add("ResyncInterval and RetryInterval must be positive.");
        }

        if (HcsOperationTimeout <= TimeSpan.Zero || HcsOperationTimeout == Timeout.InfiniteTimeSpan)
        {
            errors.Add("HcsOperationTimeout must be a positive, finite time (HcsCancelOperation is not implemented, so an HCS wait must end).");
        }

        errors.AddRange(Capacity?.Validate() ?? ["Capacity is required."]);
        return errors;
    }
}
