namespace HyperVIsolation.NodeAgent.Verification;

/// <summary>What HCS reports about a pod's utility VM.</summary>
/// <param name="Id">The compute system id, <c>&lt;sandboxID&gt;@vm</c>.</param>
/// <param name="MemoryMb">The memory assigned to the VM, in MB; <see langword="null"/> when HCS did not report it.</param>
public sealed record VmObservation(string Id, ulong? MemoryMb);
