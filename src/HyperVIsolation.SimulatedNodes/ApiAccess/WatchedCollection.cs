using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.SimulatedNodes.ApiAccess;

/// <summary>
/// A watch-fed cache of one kind, like client-go's reflector and store: lists once, applies watch
/// events by key, resumes from the last resourceVersion seen (bookmarks keep it fresh) when a watch
/// ends, and relists after a 410 Gone (which KubernetesClient reports through <c>onError</c>) or a
/// broken watch. Every change records its key for <see cref="TakeChanges"/> and wakes the signal.
/// One task runs it; any thread reads it.
/// </summary>
/// <typeparam name="T">The kind held.</typeparam>
internal sealed partial class WatchedCollection<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, T> items = new(StringComparer.Ordinal);
    private readonly HashSet<string> changed = new(StringComparer.Ordinal);
    private readonly string what;
    private readonly ListObjects list;
    private readonly StartWatch watch;
    private readonly Func<T, string> keyOf;
    private readonly ChangeSignal signal;
    private readonly TimeSpan retryDelay;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private string? resourceVersion;
    private int lists;
    private bool synced;

    /// <summary>Creates the collection; nothing is read until <see cref="RunAsync"/>.</summary>
    /// <param name="what">What is watched, for logs.</param>
    /// <param name="list">Lists every object and the list's resourceVersion.</param>
    /// <param name="watch">Starts a watch from a resourceVersion with an error callback.</param>
    /// <param name="keyOf">The key an object is held under (uid, or namespace/name).</param>
    /// <param name="signal">Woken on every change.</param>
    /// <param name="retryDelay">Pause before a failed list or watch is retried.</param>
    /// <param name="timeProvider">The clock for that pause.</param>
    /// <param name="logger">Logs watch failures.</param>
    public WatchedCollection(
        string what, ListObjects list, StartWatch watch, Func<T, string> keyOf, ChangeSignal signal, TimeSpan retryDelay, TimeProvider timeProvider, ILogger logger)
    {
        this.what = what;
        this.list = list;
        this.watch = watch;
        this.keyOf = keyOf;
        this.signal = signal;
        this.retryDelay = retryDelay;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <summary>Lists every object (a KubernetesClient list such as <see cref="V1PodList"/>, which carries its resourceVersion).</summary>
    public delegate Task<IItems<T>> ListObjects(CancellationToken cancellationToken);

    /// <summary>Starts a watch from a resourceVersion with an error callback.</summary>
    public delegate IAsyncEnumerable<(WatchEventType Type, T Object)> StartWatch(
        string? resourceVersion, Action<Exception> onError, CancellationToken cancellationToken);

    /// <summary>Whether the first list has been applied (before that the collection is empty, not known empty).</summary>
    public bool HasSynced
    {
        get
        {
            lock (gate)
            {
                return synced;
            }
        }
    }

    /// <summary>How many lists have been applied (1 after the first sync; more after 410s and broken watches).</summary>
    public int Lists
    {
        get
        {
            lock (gate)
            {
                return lists;
            }
        }
    }

    /// <summary>The last resourceVersion seen, from a list, an event or a bookmark.</summary>
    public string? ResourceVersion
    {
        get
        {
            lock (gate)
            {
                return resourceVersion;
            }
        }
    }

    /// <summary>Every object held, at the time of the call.</summary>
    public IReadOnlyList<T> Items()
    {
        lock (gate)
        {
            return [.. items.Values];
        }
    }

    /// <summary>The object held under <paramref name="key"/>, if any.</summary>
    public T? Get(string key)
    {
        lock (gate)
        {
            return items.GetValueOrDefault(key);
        }
    }

    /// <summary>The keys added, changed or removed since the last call (removed keys are no longer in <see cref="Get"/>).</summary>
    public IReadOnlyCollection<string> TakeChanges()
    {
        lock (gate)
        {
            if (changed.Count == 0)
            {
                return [];
            }

            string[] taken = [.. changed];
            changed.Clear();
            return taken;
        }
    }

    /// <summary>Lists, then watches and relists as needed, until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // The caller gets the task back before the first list, even when that list completes synchronously.
        await Task.Yield();
        var mustList = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (mustList)
                {
                    var listed = await list(cancellationToken);
                    Replace(listed.Items ?? [], (listed as IMetadata<V1ListMeta>)?.Metadata?.ResourceVersion);
                    mustList = false;
                }

                var (error, received) = await WatchAsync(cancellationToken);
                if (error is null && received > 0)
                {
                    // A server-side timeout or a dropped connection: carry on from the last version seen.
                    continue;
                }

                if (error is null)
                {
                    // Ended before sending anything (not even a bookmark): pause, then resume from the same version.
                    await DelayAsync(cancellationToken);
                    continue;
                }

                LogWatchFailed(logger, what, error.Message);
                mustList = true;
                if (ApiErrors.IsGone(error))
                {
                    // The version is compacted: relist at once, waiting would only widen the gap.
                    continue;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (IsWatchFailure(e))
            {
                LogWatchFailed(logger, what, e.Message);
                mustList = true;
            }

            await DelayAsync(cancellationToken);
        }
    }

    private static bool IsWatchFailure(Exception e) =>
        e is HttpOperationException or HttpRequestException or IOException or KubernetesException or System.Text.Json.JsonException or TaskCanceledException;

    // Applies events until the watch ends; returns the error it ended with (null for a normal end) and how many events came.
    private async Task<(Exception? Error, int Received)> WatchAsync(CancellationToken cancellationToken)
    {
        Exception? error = null;
        var received = 0;
        await foreach (var (type, obj) in watch(ResourceVersion, e => error ??= e, cancellationToken))
        {
            if (type == WatchEventType.Error)
            {
                return (error ?? new InvalidOperationException("watch of " + what + " sent an ERROR event"), received);
            }

            received++;
            Apply(type, obj);
        }

        return (error, received);
    }

    private void Apply(WatchEventType type, T? obj)
    {
        if (obj?.Metadata is null)
        {
            return;
        }

        lock (gate)
        {
            resourceVersion = obj.Metadata.ResourceVersion ?? resourceVersion;
            if (type == WatchEventType.Bookmark)
            {
                return;
            }

            var key = keyOf(obj);
            if (type == WatchEventType.Deleted)
            {
                items.Remove(key);
            }
            else
            {
                items[key] = obj;
            }

            changed.Add(key);
        }

        signal.Notify();
    }

    // A relist replaces everything: keys that vanished, appeared or changed version are changes.
    private void Replace(IList<T> listed, string? version)
    {
        lock (gate)
        {
            var fresh = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (var obj in listed.Where(o => o?.Metadata is not null))
            {
                fresh[keyOf(obj)] = obj;
            }

            foreach (var (key, old) in items)
            {
                if (!fresh.TryGetValue(key, out var now) || now.Metadata.ResourceVersion != old.Metadata.ResourceVersion)
                {
                    changed.Add(key);
                }
            }

            foreach (var key in fresh.Keys.Where(k => !items.ContainsKey(k)))
            {
                changed.Add(key);
            }

            items.Clear();
            foreach (var (key, obj) in fresh)
            {
                items[key] = obj;
            }

            resourceVersion = version;
            lists++;
            synced = true;
        }

        signal.Notify();
    }

    private async Task DelayAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(retryDelay, timeProvider, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Watch of {What} failed, relisting: {Error}")]
    private static partial void LogWatchFailed(ILogger logger, string what, string error);
}
