using HyperVIsolation.Operator.ControllerRuntime.Cache;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace HyperVIsolation.Bench.Operator;

/// <summary>
/// Approximates the operator's memory per cached object: the managed heap after a full collection
/// with the operator running minus the same after the operator host is stopped and disposed, divided
/// by the objects its informers held. Server, nodes and operator share this process, so the delta is
/// everything the operator host owned (caches, queues, DI graph, Kestrel), an upper bound for the caches.
/// </summary>
internal static class CachedObjectMemory
{
    /// <summary>Objects held by every informer of the host (informer name to count).</summary>
    public static IReadOnlyDictionary<string, int> CachedObjects(WebApplication host) =>
        host.Services.GetServices<IInformerStatus>()
            .ToDictionary(informer => informer.Name, informer => informer.GetType().GetProperty("Count")?.GetValue(informer) as int? ?? 0, StringComparer.Ordinal);

    /// <summary>Managed heap bytes after a full, compacting collection.</summary>
    public static long HeapAfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
