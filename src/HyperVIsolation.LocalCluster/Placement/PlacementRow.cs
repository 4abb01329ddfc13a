namespace HyperVIsolation.LocalCluster.Placement;

/// <summary>Where one pod ran and in what VM.</summary>
internal sealed record PlacementRow
{
    /// <summary>The owning workload.</summary>
    public required string Workload { get; init; }

    /// <summary><c>namespace/name</c> of the pod.</summary>
    public required string Pod { get; init; }

    /// <summary>The node it was bound to, or empty.</summary>
    public string Node { get; init; } = string.Empty;

    /// <summary>The node's Windows build, or empty.</summary>
    public string NodeBuild { get; init; } = string.Empty;

    /// <summary>The first container's image.</summary>
    public string Image { get; init; } = string.Empty;

    /// <summary>The pod's RuntimeClass, or empty.</summary>
    public string RuntimeClass { get; init; } = string.Empty;

    /// <summary>The VM size the pod's annotations ask for, e.g. <c>2 vCPU, 1536 MB</c>, or empty.</summary>
    public string VmRequested { get; init; } = string.Empty;

    /// <summary>The memory of the VM the node's HCS created, or null when it has none for the pod.</summary>
    public ulong? VmCreatedMemoryMb { get; init; }
}
