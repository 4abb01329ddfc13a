using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using HyperVIsolation.ControllerRuntime.Cache;
using k8s.Models;

namespace HyperVIsolation.ControllerRuntime.Tests.Cache;

/// <summary>
/// A scripted API server for one resource: lists page through the current objects; each watch plays the
/// next script (events, then how it ends) and, with no script left, hangs until cancelled.
/// </summary>
internal sealed class FakeResourceClient : IResourceClient<V1Pod>
{
    private readonly Lock _lock = new();
    private readonly ConcurrentQueue<WatchScript> _scripts = new();
    private List<V1Pod> _objects = [];

    public string ResourceVersion { get; private set; } = "1";

    public ConcurrentQueue<(string? ContinueToken, int Limit)> ListCalls { get; } = new();

    public ConcurrentQueue<(string ResourceVersion, bool AllowBookmarks)> WatchCalls { get; } = new();

    public Exception? NextListFailure { get; set; }

    public void SetObjects(string resourceVersion, params V1Pod[] objects)
    {
        lock (_lock)
        {
            _objects = [.. objects];
            ResourceVersion = resourceVersion;
        }
    }

    public void EnqueueWatch(WatchEnding ending, params WatchEvent<V1Pod>[] events) =>
        _scripts.Enqueue(new WatchScript(events, ending, Task.CompletedTask));

    /// <summary>A watch that plays its events only once <paramref name="gate"/> completes.</summary>
    public void EnqueueGatedWatch(Task gate, WatchEnding ending, params WatchEvent<V1Pod>[] events) =>
        _scripts.Enqueue(new WatchScript(events, ending, gate));

    public Task<ResourceListPage<V1Pod>> ListAsync(
        string? @namespace, string? labelSelector, string? fieldSelector, string? continueToken, int limit, CancellationToken cancellationToken)
    {
        ListCalls.Enqueue((continueToken, limit));
        if (NextListFailure is { } failure)
        {
            NextListFailure = null;
            throw failure;
        }

        lock (_lock)
        {
            var start = continueToken is null ? 0 : int.Parse(continueToken, System.Globalization.CultureInfo.InvariantCulture);
            var items = _objects.Skip(start).Take(limit).ToList();
            var next = start + limit < _objects.Count ? (start + limit).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new ResourceListPage<V1Pod>(items, ResourceVersion, next));
        }
    }

    public async IAsyncEnumerable<WatchEvent<V1Pod>> WatchAsync(
        string? @namespace,
        string? labelSelector,
        string? fieldSelector,
        string resourceVersion,
        bool allowBookmarks,
        int timeoutSeconds,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        WatchCalls.Enqueue((resourceVersion, allowBookmarks));
        if (!_scripts.TryDequeue(out var script))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            yield break;
        }

        await script.Gate.WaitAsync(cancellationToken);
        foreach (var watchEvent in script.Events)
        {
            await Task.Yield();
            yield return watchEvent;
        }

        if (script.Ending == WatchEnding.Throw)
        {
            throw new IOException("The response ended prematurely.");
        }

        if (script.Ending == WatchEnding.Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    internal enum WatchEnding
    {
        Close,
        Throw,
        Hang,
    }

    private sealed record WatchScript(IReadOnlyList<WatchEvent<V1Pod>> Events, WatchEnding Ending, Task Gate);
}
