using HyperVIsolation.ControllerRuntime.Queue;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>
/// A watch-backed cache of one resource type that notifies handlers of every change, the way client-go's
/// reflector and shared informer do:
/// <list type="number">
/// <item>list in pages, replace the cache, notify the differences, and mark the cache synced;</item>
/// <item>watch from the list's resourceVersion (bookmarks on), applying events and keeping the last resourceVersion;</item>
/// <item>when the server closes the watch normally, watch again from the last resourceVersion (no relist);</item>
/// <item>when the resourceVersion expired (410) or the stream broke, relist and replace the cache: the synthetic
/// add/update/delete notifications cover exactly what was missed, so no work is lost or repeated;</item>
/// <item>failed attempts are retried after a jittered exponential backoff, forever.</item>
/// </list>
/// Objects lose <c>metadata.managedFields</c> (and whatever the caller's transform drops) before caching.
/// Reads return the shared cached instances: callers must not modify them.
/// </summary>
/// <typeparam name="T">The resource type.</typeparam>
public sealed partial class ResourceInformer<T> : IInformerStatus
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IResourceClient<T> _client;
    private readonly ResourceInformerOptions<T> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IInformerMetrics _metrics;
    private readonly ResourceStore<T> _store = new();
    private readonly JitteredBackoff _backoff;
    private readonly ResourceChangeNotifier<T> _notifier;
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _resourceVersion = string.Empty;
    private long _startedAtTicks;
    private long _lastActivityTicks;
    private int _running;

    /// <summary>Creates the informer; it does nothing until <see cref="RunAsync"/>.</summary>
    /// <param name="client">The API seam.</param>
    /// <param name="options">Scope, page size, timeouts, transform.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="metrics">Where to report restarts and cache size; nowhere when <see langword="null"/>.</param>
    public ResourceInformer(
        IResourceClient<T> client,
        ResourceInformerOptions<T> options,
        TimeProvider time,
        ILogger logger,
        IInformerMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _client = client;
        _options = options;
        _time = time;
        _logger = logger;
        _metrics = metrics ?? NullInformerMetrics.Instance;
        _backoff = new JitteredBackoff(options.InitialRetryDelay, options.MaxRetryDelay);
        Name = string.IsNullOrEmpty(options.Name) ? typeof(T).Name : options.Name;
        _notifier = new ResourceChangeNotifier<T>(Name, logger);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <inheritdoc/>
    public DateTimeOffset? StartedAt => FromTicks(Interlocked.Read(ref _startedAtTicks));

    /// <inheritdoc/>
    public DateTimeOffset? LastActivityAt => FromTicks(Interlocked.Read(ref _lastActivityTicks));

    /// <summary>The resourceVersion the next watch starts from.</summary>
    public string ResourceVersion => Volatile.Read(ref _resourceVersion);

    /// <summary>The number of cached objects.</summary>
    public int Count => _store.Count;

    /// <summary>The cached object with <paramref name="key"/>; shared, do not modify.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The object, or <see langword="null"/>.</returns>
    public T? Get(ObjectKey key) => _store.Get(key);

    /// <summary>The cached objects, optionally of one namespace; shared, do not modify.</summary>
    /// <param name="namespace">Only this namespace, when set.</param>
    /// <returns>A snapshot list.</returns>
    public IReadOnlyList<T> List(string? @namespace = null) => _store.List(@namespace);

    /// <summary>The cached objects controlled by the owner with <paramref name="ownerUid"/>; shared, do not modify.</summary>
    /// <param name="ownerUid">The owner's UID.</param>
    /// <returns>A snapshot list.</returns>
    public IReadOnlyList<T> ListByOwner(string ownerUid) => _store.ListByOwner(ownerUid);

    /// <summary>Registers a handler. Handlers must be added before <see cref="RunAsync"/> so they see every object.</summary>
    /// <param name="handler">The handler.</param>
    public void AddHandler(IResourceChangeHandler<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (Volatile.Read(ref _running) != 0)
        {
            throw new InvalidOperationException("Handlers must be added before the informer runs.");
        }

        _notifier.Add(handler);
    }

    /// <summary>Waits until the first list has filled the cache.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes once synced.</returns>
    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>Lists and watches until <paramref name="cancellationToken"/> is cancelled. Runs once per informer.</summary>
    /// <param name="cancellationToken">Stops the informer.</param>
    /// <returns>A task that completes when stopped.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException("The informer is already running.");
        }

        Interlocked.Exchange(ref _startedAtTicks, _time.GetUtcNow().UtcTicks);
        var mustList = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                mustList = await RunOnceAsync(mustList, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>One list (if needed) and one watch; returns whether the next round must relist.</summary>
    private async Task<bool> RunOnceAsync(bool mustList, CancellationToken cancellationToken)
    {
        if (mustList && !await TryListAsync(cancellationToken))
        {
            await Task.Delay(_backoff.Next(), _time, cancellationToken);
            return true;
        }

        var restart = await WatchAsync(cancellationToken);
        _metrics.WatchRestarted(Name, restart);
        switch (restart)
        {
            case WatchRestartReason.ServerTimeout:
                return false;
            case WatchRestartReason.Expired:
                LogExpired(Name, ResourceVersion);
                return true;
            default:
                await Task.Delay(_backoff.Next(), _time, cancellationToken);
                return true;
        }
    }

    private async Task<bool> TryListAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ListAsync(cancellationToken);
            _backoff.Reset();
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogListFailed(exception, Name);
            _metrics.WatchRestarted(Name, WatchRestartReason.ListFailed);
            return false;
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var objects = new List<T>();
        string? continueToken = null;
        string resourceVersion;
        do
        {
            var page = await _client.ListAsync(
                _options.Namespace, _options.LabelSelector, _options.FieldSelector, continueToken, _options.PageSize, cancellationToken);
            objects.AddRange(page.Items.Select(Prepare));
            continueToken = page.ContinueToken;
            resourceVersion = page.ResourceVersion;
        }
        while (continueToken is not null);

        var changes = _store.Replace(objects);
        Volatile.Write(ref _resourceVersion, resourceVersion);
        Touch();
        _metrics.CacheSizeChanged(Name, _store.Count);
        LogListed(Name, objects.Count, changes.Count, resourceVersion);
        foreach (var change in changes)
        {
            _notifier.Notify(change);
        }

        _synced.TrySetResult();
    }

    private async Task<WatchRestartReason> WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            var events = _client.WatchAsync(
                _options.Namespace,
                _options.LabelSelector,
                _options.FieldSelector,
                ResourceVersion,
                allowBookmarks: true,
                (int)_options.WatchTimeout.TotalSeconds,
                cancellationToken);
            await foreach (var watchEvent in events.WithCancellation(cancellationToken))
            {
                Touch();
                if (Apply(watchEvent) is { } end)
                {
                    return end;
                }
            }

            // The server closed the watch at its timeout: the connection was alive until now.
            Touch();
            return WatchRestartReason.ServerTimeout;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogWatchBroken(exception, Name);
            return WatchRestartReason.StreamBroken;
        }
    }

    /// <summary>Applies one event; returns why the watch must end, or <see langword="null"/> to go on.</summary>
    private WatchRestartReason? Apply(WatchEvent<T> watchEvent)
    {
        switch (watchEvent.Kind)
        {
            case WatchEventKind.Added or WatchEventKind.Modified when watchEvent.Object is { } obj:
                Upsert(Prepare(obj));
                break;
            case WatchEventKind.Deleted when watchEvent.Object is { } obj:
                Delete(Prepare(obj));
                break;
            case WatchEventKind.Bookmark:
                break;
            case WatchEventKind.Expired:
                return WatchRestartReason.Expired;
            default:
                LogWatchError(Name, watchEvent.Message);
                return WatchRestartReason.StreamBroken;
        }

        if (!string.IsNullOrEmpty(watchEvent.ResourceVersion))
        {
            Volatile.Write(ref _resourceVersion, watchEvent.ResourceVersion);
        }

        return null;
    }

    private void Upsert(T obj)
    {
        var old = _store.Upsert(obj);
        if (old is null)
        {
            _metrics.CacheSizeChanged(Name, _store.Count);
            _notifier.Notify(new ResourceChange<T>(ResourceChangeKind.Added, null, obj));
        }
        else if (old.Metadata?.ResourceVersion != obj.Metadata?.ResourceVersion)
        {
            // An event the relist already reflected (same resourceVersion) is not repeated.
            _notifier.Notify(new ResourceChange<T>(ResourceChangeKind.Updated, old, obj));
        }
    }

    private void Delete(T obj)
    {
        var old = _store.Remove(ObjectKey.From(obj));
        if (old is null)
        {
            return;
        }

        _metrics.CacheSizeChanged(Name, _store.Count);
        _notifier.Notify(new ResourceChange<T>(ResourceChangeKind.Deleted, old, null));
    }

    private T Prepare(T obj)
    {
        // Server-side-apply bookkeeping is often the largest part of an object and no controller reads it.
        if (obj.Metadata is { } metadata)
        {
            metadata.ManagedFields = null;
        }

        return _options.Transform is { } transform ? transform(obj) : obj;
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivityTicks, _time.GetUtcNow().UtcTicks);

    private static DateTimeOffset? FromTicks(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    [LoggerMessage(Level = LogLevel.Information, Message = "Informer {Informer} listed {Count} objects ({Changes} changes) at resourceVersion {ResourceVersion}")]
    private partial void LogListed(string informer, int count, int changes, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Informer {Informer}: list failed; retrying after a backoff")]
    private partial void LogListFailed(Exception exception, string informer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Informer {Informer}: resourceVersion {ResourceVersion} expired; relisting")]
    private partial void LogExpired(string informer, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Informer {Informer}: watch broke; relisting after a backoff")]
    private partial void LogWatchBroken(Exception exception, string informer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Informer {Informer}: watch reported an error ({Message}); relisting after a backoff")]
    private partial void LogWatchError(string informer, string? message);
}
