namespace HyperVIsolation.Bench.Operator;

/// <summary>What one freshly started informer added to the managed heap once synced.</summary>
/// <param name="Kind">The resource (plural name).</param>
/// <param name="Objects">Objects the informer holds.</param>
/// <param name="Bytes">Growth of <see cref="GC.GetTotalMemory(bool)"/> after full collections.</param>
/// <param name="HeapSizeBytes">Growth of the heap size reported by <see cref="GC.GetGCMemoryInfo(GCKind)"/> for the last full blocking collection (a cross-check).</param>
internal sealed record CachedKindMemory(string Kind, int Objects, long Bytes, long HeapSizeBytes)
{
    /// <summary>Bytes per object held, or 0 when the informer holds none.</summary>
    public double BytesPerObject => Objects > 0 ? (double)Bytes / Objects : 0;

    /// <summary>Whether the kind's object count grows with the workloads (and so is large enough to measure).</summary>
    public bool ScalesWithWorkloads => Kind is "isolatedworkloads" or "pods";
}
