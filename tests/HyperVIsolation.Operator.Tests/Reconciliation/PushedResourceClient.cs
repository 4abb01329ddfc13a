using System.Runtime.CompilerServices;
using System.Threading.Channels;
using HyperVIsolation.ControllerRuntime.Cache;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

/// <summary>
/// An API server for one resource whose list is fixed at start and whose only watch delivers exactly
/// the events a test pushes, when it pushes them: the test decides what the informer cache has seen.
/// </summary>
/// <typeparam name="T">The resource type.</typeparam>
internal sealed class PushedResourceClient<T>(params T[] initial) : IResourceClient<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Channel<WatchEvent<T>> events = Channel.CreateUnbounded<WatchEvent<T>>();
    private int resourceVersion = 1;

    /// <summary>Delivers an ADDED event for <paramref name="obj"/> to the watch.</summary>
    public void PushAdded(T obj) => Push(WatchEventKind.Added, obj);

    /// <summary>Delivers a MODIFIED event for <paramref name="obj"/> to the watch.</summary>
    public void PushModified(T obj) => Push(WatchEventKind.Modified, obj);

    public Task<ResourceListPage<T>> ListAsync(string? @namespace, string? labelSelector, string? fieldSelector, string? continueToken, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(new ResourceListPage<T>(initial, "1", null));

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(
        string? @namespace, string? labelSelector, string? fieldSelector, string resourceVersion, bool allowBookmarks, int timeoutSeconds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var watchEvent in events.Reader.ReadAllAsync(cancellationToken))
        {
            yield return watchEvent;
        }
    }

    private void Push(WatchEventKind kind, T obj)
    {
        var version = Interlocked.Increment(ref resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);
        obj.Metadata.ResourceVersion = version;
        events.Writer.TryWrite(new WatchEvent<T>(kind, obj, version));
    }
}
