using HyperVIsolation.NodeAgent.Cri.V1;

namespace HyperVIsolation.SimulatedNodes.Cri;

/// <summary>A container in the simulated runtime.</summary>
public sealed record SimulatedContainer
{
    /// <summary>The container id.</summary>
    public required string Id { get; init; }

    /// <summary>The sandbox it belongs to.</summary>
    public required string PodSandboxId { get; init; }

    /// <summary>Container name from the pod spec.</summary>
    public required string Name { get; init; }

    /// <summary>Creation attempt (restart count).</summary>
    public uint Attempt { get; init; }

    /// <summary>The image as the pod spec names it.</summary>
    public required string Image { get; init; }

    /// <summary>The resolved image reference (digest).</summary>
    public string ImageRef { get; init; } = string.Empty;

    /// <summary>Lifecycle state.</summary>
    public ContainerState State { get; init; } = ContainerState.ContainerRunning;

    /// <summary>When the container was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Container labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Container annotations.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>Current Windows resource limits; changed by UpdateContainerResources.</summary>
    public WindowsContainerResources? WindowsResources { get; init; }
}
