namespace HyperVIsolation.NodeAgent.Hcs.Schema;

/// <summary>The HCS <c>StorageStats</c>: cumulative disk I/O.</summary>
public sealed record StorageStats
{
    /// <summary>Read operations, normalized to 64 KB units.</summary>
    public ulong ReadCountNormalized { get; init; }

    /// <summary>Bytes read.</summary>
    public ulong ReadSizeBytes { get; init; }

    /// <summary>Write operations, normalized to 64 KB units.</summary>
    public ulong WriteCountNormalized { get; init; }

    /// <summary>Bytes written.</summary>
    public ulong WriteSizeBytes { get; init; }
}
