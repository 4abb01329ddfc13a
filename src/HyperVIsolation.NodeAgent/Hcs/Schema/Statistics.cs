namespace HyperVIsolation.NodeAgent.Hcs.Schema;

/// <summary>The HCS <c>Statistics</c> property group.</summary>
public sealed record Statistics
{
    /// <summary>When HCS sampled the counters.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>When the system (or container) started.</summary>
    public DateTimeOffset? ContainerStartTime { get; init; }

    /// <summary>Time since start, in 100 ns units.</summary>
    public ulong Uptime100ns { get; init; }

    /// <summary>CPU time consumed.</summary>
    public ProcessorStats? Processor { get; init; }

    /// <summary>Memory in use.</summary>
    public MemoryStats? Memory { get; init; }

    /// <summary>Disk I/O counters.</summary>
    public StorageStats? Storage { get; init; }
}
