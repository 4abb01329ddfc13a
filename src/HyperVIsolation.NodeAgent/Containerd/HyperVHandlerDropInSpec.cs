using HyperVIsolation.Api.Windows;
using Tomlyn.Model;

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

    /// <summary>
    /// For config version 2 (containerd 1.x): the node's <c>plugins."io.containerd.grpc.v1.cri"</c> table without our
    /// drop-in. containerd 1.x lets an imported plugin table replace the main file's whole table, so the drop-in must
    /// carry all of it (sandbox image, CNI, registries, other handlers) beside our handlers. Ignored for version 3,
    /// whose imports merge key by key. Not changed by rendering.
    /// </summary>
    public TomlTable? CriPluginTable { get; init; }

    /// <summary>The sandbox platform.</summary>
    public string SandboxPlatform { get; init; } = "windows/amd64";
}
