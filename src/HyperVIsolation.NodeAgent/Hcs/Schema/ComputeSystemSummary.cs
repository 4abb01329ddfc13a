namespace HyperVIsolation.NodeAgent.Hcs.Schema;

/// <summary>One element of the array <c>HcsEnumerateComputeSystems</c> returns.</summary>
public sealed record ComputeSystemSummary
{
    /// <summary>The compute system id, for a pod's utility VM <c>&lt;sandboxID&gt;@vm</c>.</summary>
    public required string Id { get; init; }

    /// <summary>See <see cref="HcsSystemTypes"/>.</summary>
    public string? SystemType { get; init; }

    /// <summary>Display name.</summary>
    public string? Name { get; init; }

    /// <summary>The process that created the system, see <see cref="HcsOwners"/>.</summary>
    public string? Owner { get; init; }

    /// <summary>The runtime (VM) GUID.</summary>
    public Guid? RuntimeId { get; init; }

    /// <summary>Guest OS type, <c>Windows</c> or <c>Linux</c>.</summary>
    public string? RuntimeOsType { get; init; }

    /// <summary>See <see cref="HcsSystemStates"/>.</summary>
    public string? State { get; init; }

    /// <summary>Whether the system has stopped.</summary>
    public bool? Stopped { get; init; }

    /// <summary>Why it stopped, when it has.</summary>
    public string? ExitType { get; init; }
}
