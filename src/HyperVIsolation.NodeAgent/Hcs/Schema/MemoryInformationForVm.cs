namespace HyperVIsolation.NodeAgent.Hcs.Schema;

/// <summary>The HCS <c>MemoryInformationForVm</c> property group.</summary>
public sealed record MemoryInformationForVm
{
    /// <summary>Virtual NUMA nodes.</summary>
    public uint VirtualNodeCount { get; init; }

    /// <summary>The VM's memory balance.</summary>
    public VmMemory? VirtualMachineMemory { get; init; }
}
