using HyperVIsolation.Api.Windows;

namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>What the node agent's containerd drop-in should declare.</summary>
public sealed record HyperVHandlerDropInSpec
{
    /// <summary>The config version of the node's containerd (3 for 2.x, 2 for 1.7); the drop-in must use the same layout.</summary>
    public required int ConfigVersion { get; init; }

    /// <summary>Builds to declare a <c>runhcs-wcow-hypervisor-&lt;build&gt;</c> handler for, beside the generic one.</summary>
    public IReadOnlyList<WindowsBuild> Builds { get; init; } = [];

    /// <summary>Handler default VM memory when a pod sets no annotation; null keeps hcsshim's 1024 MB.</summary>
    public long? VmMemorySizeInMb { get; init; }

    /// <summary>Handler default VM processors when a pod sets no annotation; null keeps hcsshim's 2.</summary>
    public long? VmProcessorCount { get; init; }

    /// <summary>The sandbox platform.</summary>
    public string SandboxPlatform { get; init; } = "windows/amd64";
}
