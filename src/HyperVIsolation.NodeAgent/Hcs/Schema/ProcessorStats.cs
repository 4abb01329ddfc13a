namespace HyperVIsolation.NodeAgent.Hcs.Schema;

/// <summary>The HCS <c>ProcessorStats</c>: cumulative CPU time, 100 ns units, across all virtual processors.</summary>
public sealed record ProcessorStats
{
    /// <summary>User plus kernel time.</summary>
    public ulong TotalRuntime100ns { get; init; }

    /// <summary>User-mode time.</summary>
    public ulong RuntimeUser100ns { get; init; }

    /// <summary>Kernel-mode time.</summary>
    public ulong RuntimeKernel100ns { get; init; }
}
