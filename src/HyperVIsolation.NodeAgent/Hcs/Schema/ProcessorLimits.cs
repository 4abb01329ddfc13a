namespace HyperVIsolation.NodeAgent.Hcs.Schema;

/// <summary>The HCS <c>ProcessorLimits</c> document.</summary>
public sealed record ProcessorLimits
{
    /// <summary>Maximum CPU, 1..100000 where 100000 is 100% of the VM's processors.</summary>
    public ulong? Limit { get; init; }

    /// <summary>Relative weight, 0..10000 (default 100).</summary>
    public ulong? Weight { get; init; }

    /// <summary>Guaranteed CPU, same scale as <see cref="Limit"/>.</summary>
    public ulong? Reservation { get; init; }

    /// <summary>Frequency cap in MHz.</summary>
    public uint? MaximumFrequencyMHz { get; init; }
}
