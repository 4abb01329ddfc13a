namespace HyperVIsolation.Operator.Sizing;

/// <summary>
/// What a guest OS costs inside its utility VM before any container runs: memory added to the VM
/// and CPU reserved as RuntimeClass overhead. Bound from configuration.
/// </summary>
public sealed record GuestOsFootprint
{
    /// <summary>Memory the guest OS needs, in MiB.</summary>
    public long MemoryMiB { get; init; }

    /// <summary>CPU the guest OS uses, in millicores.</summary>
    public int CpuMillicores { get; init; }
}
