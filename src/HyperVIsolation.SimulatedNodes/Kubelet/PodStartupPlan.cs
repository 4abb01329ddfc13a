using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.SimulatedNodes.Hcs;

namespace HyperVIsolation.SimulatedNodes.Kubelet;

/// <summary>What a node's kubelet and containerd do with a bound pod (see <see cref="PodStartupDecision"/>).</summary>
public sealed record PodStartupPlan
{
    /// <summary>The RuntimeClass handler (empty: containerd's default).</summary>
    public required string Handler { get; init; }

    /// <summary>Process or Hyper-V isolation, from the handler's <c>SandboxIsolation</c>.</summary>
    public required IsolationMode Isolation { get; init; }

    /// <summary>The sandbox id.</summary>
    public required string SandboxId { get; init; }

    /// <summary>The handler's options, if any.</summary>
    public RunhcsOptions? HandlerOptions { get; init; }

    /// <summary>Pod annotations that passed the handler's allow-list and reach the shim.</summary>
    public IReadOnlyDictionary<string, string> ShimAnnotations { get; init; } = new Dictionary<string, string>();

    /// <summary>The utility VM size hcsshim will use (Hyper-V only).</summary>
    public UtilityVmSize? VmSize { get; init; }

    /// <summary>Why the sandbox cannot be created; null when it can.</summary>
    public PodStartupError? SandboxError { get; init; }

    /// <summary>Containers (by name) that will fail to start, with kubelet's reason and message.</summary>
    public IReadOnlyDictionary<string, PodStartupError> ContainerErrors { get; init; } = new Dictionary<string, PodStartupError>();
}
