namespace HyperVIsolation.SimulatedNodes.Hcs;

/// <summary>The size hcsshim gives a pod's utility VM.</summary>
/// <param name="MemoryMb">VM memory in MB (always even).</param>
/// <param name="ProcessorCount">Virtual processors.</param>
/// <param name="ProcessorLimit">CPU limit, 1..100000 (100000 = 100%).</param>
/// <param name="ProcessorWeight">CPU weight, 0..10000.</param>
public sealed record UtilityVmSize(ulong MemoryMb, int ProcessorCount, int ProcessorLimit, int ProcessorWeight);
