using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using k8s;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Tests.ApiAccess;

/// <summary>
/// Stands in for the API server behind a <see cref="SimulatedNodes.ApiAccess.WatchedCollection{T}"/>:
/// lists come from a queue of prepared lists, each watch is scripted by the test (events, a 410
/// through onError, an exception, a normal end), and the resourceVersion every watch started from is kept.
/// </summary>
internal sealed class ScriptedPodWatches
{
    private readonly ConcurrentQueue<V1PodList> lists = new();
    private readonly Channel<Func<Action<Exception>, IAsyncEnumerable<(WatchEventType, V1Pod)>>> watches =
        Channel.CreateUnbounded<Func<Action<Exception>, IAsyncEnumerable<(WatchEventType, V1Pod)>>>();

    public ConcurrentQueue<string?> WatchedFrom { get; } = new();

    public static V1Pod Pod(string name, string resourceVersion) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Uid = "uid-" + name, ResourceVersion = resourceVersion },
    };

    public static V1PodList List(string resourceVersion, params V1Pod[] pods) =>
        new() { Metadata = new V1ListMeta { ResourceVersion = resourceVersion }, Items = pods };

    public void NextList(V1PodList list) => lists.Enqueue(list);

    /// <summary>The next watch sends <paramref name="events"/>, then ends normally.</summary>
    public void NextWatch(params (WatchEventType Type, V1Pod Pod)[] events) =>
        watches.Writer.TryWrite(_ => events.ToAsyncEnumerable());

    /// <summary>The next watch reports 410 Gone through onError and ends, as KubernetesClient does.</summary>
    public void NextWatchGone() => watches.Writer.TryWrite(onError =>
    {
        onError(new KubernetesException(new V1Status { Code = 410, Reason = "Expired", Message = "The resourceVersion for the provided watch is too old." }));
        return AsyncEnumerable.Empty<(WatchEventType, V1Pod)>();
    });

    /// <summary>The next watch breaks with <paramref name="error"/>.</summary>
    public void NextWatchFails(Exception error) => watches.Writer.TryWrite(_ => Throwing(error));

    public async Task<IItems<V1Pod>> ListAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        return lists.TryDequeue(out var list) ? list : throw new IOException("no list prepared");
    }

    public async IAsyncEnumerable<(WatchEventType, V1Pod)> WatchAsync(string? resourceVersion, Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        WatchedFrom.Enqueue(resourceVersion);

        // Scripts run out: the watch stays open until the test stops the collection.
        var script = await watches.Reader.ReadAsync(cancellationToken);
        await foreach (var item in script(onError).WithCancellation(cancellationToken))
        {
            yield return item;
        }
    }

    private static async IAsyncEnumerable<(WatchEventType, V1Pod)> Throwing(Exception error)
    {
        await Task.Yield();
        if (error is not null)
        {
            throw error;
        }

        yield break;
    }
}
