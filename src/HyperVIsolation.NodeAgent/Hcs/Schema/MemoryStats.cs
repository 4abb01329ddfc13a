namespace HyperVIsolation.NodeAgent.Hcs.Schema;

/// <summary>The HCS <c>MemoryStats</c>, in bytes.</summary>
public sealed record MemoryStats
{
    /// <summary>Committed memory now.</summary>
    public ulong MemoryUsageCommitBytes { get; init; }

    /// <summary>Highest committed memory since start.</summary>
    public ulong MemoryUsageCommitPeakBytes { get; init; }

    /// <summary>Private working set now.</summary>
    public ulong MemoryUsagePrivateWorkingSetBytes { get; init; }
}
