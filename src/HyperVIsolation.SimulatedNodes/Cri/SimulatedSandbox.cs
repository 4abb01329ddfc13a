using HyperVIsolation.NodeAgent.Cri.V1;

namespace HyperVIsolation.SimulatedNodes.Cri;

/// <summary>A pod sandbox in the simulated runtime, as the simulated kubelet records it.</summary>
public sealed record SimulatedSandbox
{
    /// <summary>The sandbox id (containerd uses 64 hex characters).</summary>
    public required string Id { get; init; }

    /// <summary>Pod name.</summary>
    public required string Name { get; init; }

    /// <summary>Pod namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Pod UID.</summary>
    public required string Uid { get; init; }

    /// <summary>Creation attempt.</summary>
    public uint Attempt { get; init; }

    /// <summary>Ready or not ready.</summary>
    public PodSandboxState State { get; init; } = PodSandboxState.SandboxReady;

    /// <summary>When the sandbox was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The RuntimeClass handler it runs under.</summary>
    public string RuntimeHandler { get; init; } = string.Empty;

    /// <summary>Pod IP, if assigned.</summary>
    public string? Ip { get; init; }

    /// <summary>Pod labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Pod annotations, all of them: CRI reports what kubelet sent, not what the shim received.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
}
