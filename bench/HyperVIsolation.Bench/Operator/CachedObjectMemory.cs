using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Hosting;
using HyperVIsolation.Operator.Hosting;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace HyperVIsolation.Bench.Operator;

/// <summary>
/// Measures the operator's memory per cached object. The API server, the nodes and the operator share
/// this process, so heap deltas around the operator host mix in whatever the server grows or frees
/// meanwhile (a negative result was possible). Instead, a fresh set of the operator's informers (the
/// same <see cref="ResourceInformer{T}"/> with the same options as <c>AddInformer</c>) is started
/// against the same server after the rollout, when nothing else changes, one kind at a time: the
/// managed heap after full compacting collections is taken before a kind's informers start and after
/// they have synced, and the difference is divided by the objects they hold. Earlier informers stay alive
/// (and their watches open) while later ones are measured, so nothing they hold is counted twice.
/// Only workloads and pods grow with the number of workloads; the other kinds hold a handful of
/// objects each, below the noise, and are reported but left out of the per-object figure.
/// </summary>
internal static class CachedObjectMemory
{
    /// <summary>
    /// Informers started per kind: the server, nodes and operator in this process move the heap by a
    /// few MB between any two collections, so holding each object several times lifts the signal above that.
    /// </summary>
    private const int Copies = 3;

    /// <summary>Objects held by every informer of the operator host (informer name to count).</summary>
    public static IReadOnlyDictionary<string, int> CachedObjects(WebApplication host) =>
        host.Services.GetServices<IInformerStatus>()
            .ToDictionary(informer => informer.Name, informer => informer.GetType().GetProperty("Count")?.GetValue(informer) as int? ?? 0, StringComparer.Ordinal);

    /// <summary>Starts, measures and finally stops <see cref="Copies"/> informers per kind the operator caches.</summary>
    public static async Task<IReadOnlyList<CachedKindMemory>> MeasureAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        // One request first, so the client's connection pool and serializers are not counted in the first kind.
        await client.CoreV1.ListNamespaceAsync(limit: 1, cancellationToken: cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = new List<Task>();
        var informers = new List<IInformerStatus>();
        try
        {
            return
            [
                await MeasureAsync(client, "isolatedworkloads", new InformerScope<IsolatedWorkload>(), running, informers, stop.Token),

                // The operator caches only the pods its workloads label (AddInformer<V1Pod>(labelSelector: ...)).
                await MeasureAsync(client, "pods", CachedObjectShapes.WorkloadPods, running, informers, stop.Token),
                await MeasureAsync(client, "nodes", CachedObjectShapes.Nodes, running, informers, stop.Token),
                await MeasureAsync(client, "isolationpolicies", new InformerScope<IsolationPolicy>(), running, informers, stop.Token),
                await MeasureAsync(client, "runtimeclasses", new InformerScope<V1RuntimeClass>(), running, informers, stop.Token),
                await MeasureAsync(client, "namespaces", new InformerScope<V1Namespace>(), running, informers, stop.Token),
            ];
        }
        finally
        {
            GC.KeepAlive(informers);
            await stop.CancelAsync();
            await Task.WhenAll(running.Select(IgnoreCancellationAsync));
        }
    }

    /// <summary>Managed heap bytes after full, compacting collections and pending finalizers.</summary>
    public static long HeapAfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<CachedKindMemory> MeasureAsync<T>(
        IKubernetes client, string name, InformerScope<T> scope, List<Task> running, List<IInformerStatus> informers, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var copies = Enumerable.Range(0, Copies)
            .Select(_ => new ResourceInformer<T>(
                new KubernetesResourceClient<T>(client),
                new ResourceInformerOptions<T> { Name = name, LabelSelector = scope.LabelSelector, Transform = scope.Transform },
                TimeProvider.System,
                NullLogger<ResourceInformer<T>>.Instance))
            .ToList();
        var before = HeapAfterFullCollection();
        var heapBefore = GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes;
        running.AddRange(copies.Select(informer => informer.RunAsync(cancellationToken)));
        await Task.WhenAll(copies.Select(informer => informer.WaitForSyncAsync(cancellationToken)));
        var after = HeapAfterFullCollection();
        var heapAfter = GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes;
        informers.AddRange(copies);
        GC.KeepAlive(copies);
        return new CachedKindMemory(name, copies.Sum(informer => informer.Count), after - before, heapAfter - heapBefore);
    }

    private static async Task IgnoreCancellationAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // Stopping the informers is how the measurement ends.
        }
    }
}
