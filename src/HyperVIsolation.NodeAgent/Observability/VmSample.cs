namespace HyperVIsolation.NodeAgent.Observability;

/// <summary>One reading of a pod's utility VM from HCS, taken when the agent last verified it.</summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Pod">The pod's name.</param>
/// <param name="VmId">The compute system id, <c>&lt;sandboxID&gt;@vm</c>.</param>
/// <param name="AssignedMemoryBytes">Memory assigned to the VM.</param>
/// <param name="CommitBytes">Memory the VM's guest has committed.</param>
/// <param name="CpuSeconds">CPU time the VM has used, across its virtual processors.</param>
/// <param name="StorageReadBytes">Bytes the VM has read from storage.</param>
/// <param name="StorageWriteBytes">Bytes the VM has written to storage.</param>
public sealed record VmSample(
    string Namespace,
    string Pod,
    string VmId,
    ulong AssignedMemoryBytes,
    ulong CommitBytes,
    double CpuSeconds,
    ulong StorageReadBytes,
    ulong StorageWriteBytes);
