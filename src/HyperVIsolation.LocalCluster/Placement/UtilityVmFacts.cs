namespace HyperVIsolation.LocalCluster.Placement;

/// <summary>A pod's utility VM as the node's Host Compute Service reports it.</summary>
/// <param name="Id">The compute system id, <c>&lt;sandboxID&gt;@vm</c>.</param>
/// <param name="State">The HCS state, e.g. <c>Running</c>.</param>
/// <param name="MemoryMb">Memory assigned to the VM, in MB, when reported.</param>
internal sealed record UtilityVmFacts(string Id, string? State, ulong? MemoryMb);
