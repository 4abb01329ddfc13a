namespace HyperVIsolation.NodeAgent.Hcs.Schema;

/// <summary>
/// The HCS schema 2 <c>Properties</c> document. Only the groups asked for in the
/// <see cref="PropertyQuery"/> are present.
/// </summary>
public sealed record Properties
{
    /// <summary>The compute system id.</summary>
    public string? Id { get; init; }

    /// <summary>See <see cref="HcsSystemTypes"/>.</summary>
    public string? SystemType { get; init; }

    /// <summary>Guest OS type.</summary>
    public string? RuntimeOsType { get; init; }

    /// <summary>Display name.</summary>
    public string? Name { get; init; }

    /// <summary>The creating process.</summary>
    public string? Owner { get; init; }

    /// <summary>The runtime (VM) GUID.</summary>
    public Guid? RuntimeId { get; init; }

    /// <summary>See <see cref="HcsSystemStates"/>.</summary>
    public string? State { get; init; }

    /// <summary>Whether the system has stopped.</summary>
    public bool? Stopped { get; init; }

    /// <summary>Why it stopped, when it has.</summary>
    public string? ExitType { get; init; }

    /// <summary>Utility VM memory, present when <see cref="HcsPropertyTypes.Memory"/> was asked for.</summary>
    public MemoryInformationForVm? Memory { get; init; }

    /// <summary>Counters, present when <see cref="HcsPropertyTypes.Statistics"/> was asked for.</summary>
    public Statistics? Statistics { get; init; }
}
