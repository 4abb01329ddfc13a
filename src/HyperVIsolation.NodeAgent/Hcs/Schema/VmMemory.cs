namespace HyperVIsolation.NodeAgent.Hcs.Schema;

/// <summary>The HCS <c>VmMemory</c> document.</summary>
public sealed record VmMemory
{
    /// <summary>Bytes in 4 KiB pages per HCS; hcsshim reads <see cref="AssignedMemory"/> × 4096 as the VM's memory.</summary>
    public const ulong BytesPerPage = 4096;

    /// <summary>Memory the guest reports available, in MB.</summary>
    public int AvailableMemory { get; init; }

    /// <summary>Dynamic memory buffer, in percent.</summary>
    public int AvailableMemoryBuffer { get; init; }

    /// <summary>Memory reserved for the VM, in 4 KiB pages.</summary>
    public ulong ReservedMemory { get; init; }

    /// <summary>Memory assigned to the VM, in 4 KiB pages (always 4 KiB, whatever the guest page size).</summary>
    public ulong AssignedMemory { get; init; }

    /// <summary>Whether the VM is in a low-power state.</summary>
    public bool SlpActive { get; init; }

    /// <summary>Whether dynamic memory balancing is on.</summary>
    public bool BalancingEnabled { get; init; }

    /// <summary>Whether a dynamic memory operation is running.</summary>
    public bool DmOperationInProgress { get; init; }
}
