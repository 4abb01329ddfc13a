using System.Diagnostics.CodeAnalysis;

namespace HyperVIsolation.ControllerRuntime.Queue;

/// <summary>
/// The queue between event sources and reconcile workers, with the guarantees of client-go's
/// rate-limited work queue:
/// <list type="bullet">
/// <item>a key waits at most once: adds of a key that is already waiting collapse into it;</item>
/// <item>a key is never handed to two workers at once: adds while it is being processed are
/// remembered and the key is queued again when the worker calls <see cref="Done"/>;</item>
/// <item>failing keys are retried after a per-key exponential backoff, combined with an overall
/// token bucket (<see cref="AddRateLimited"/>), and never dropped;</item>
/// <item><see cref="ShutDownAsync"/> stops handing out keys, ignores new adds and waits for the keys
/// being processed. Waiting keys are abandoned: reconciles are level-based and the caches replay
/// every object on the next start.</item>
/// </list>
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A work queue is what controllers call it.")]
public sealed class WorkQueue : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Queue<ObjectKey> _queue = new();
    private readonly Dictionary<ObjectKey, long> _dirty = [];
    private readonly Dictionary<ObjectKey, long> _processing = [];
    private readonly LinkedList<TaskCompletionSource<ObjectKey?>> _waiters = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _time;
    private readonly IWorkQueueMetrics _metrics;
    private readonly PerKeyBackoff _backoff;
    private readonly TokenBucket _bucket;
    private readonly DelayedKeySchedule _delayed;
    private bool _shuttingDown;

    /// <summary>Creates an empty queue.</summary>
    /// <param name="options">Rate limits; defaults when <see langword="null"/>.</param>
    /// <param name="time">The clock; the system clock when <see langword="null"/>.</param>
    /// <param name="metrics">Where to report activity; nowhere when <see langword="null"/>.</param>
    public WorkQueue(WorkQueueOptions? options = null, TimeProvider? time = null, IWorkQueueMetrics? metrics = null)
    {
        options ??= new WorkQueueOptions();
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _time = time ?? TimeProvider.System;
        _metrics = metrics ?? NullWorkQueueMetrics.Instance;
        _backoff = new PerKeyBackoff(options.BaseRetryDelay, options.MaxRetryDelay);
        _bucket = new TokenBucket(options.TokensPerSecond, options.Burst, _time);
        _delayed = new DelayedKeySchedule(_time, Add);
    }

    /// <summary>How many keys are waiting to be handed to a worker (not counting delayed ones).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>How many keys are waiting for a delay (<see cref="AddAfter"/> or a retry) to pass.</summary>
    public int DelayedCount => _delayed.Count;

    /// <summary>Whether <see cref="ShutDownAsync"/> has been called.</summary>
    public bool IsShuttingDown
    {
        get
        {
            lock (_lock)
            {
                return _shuttingDown;
            }
        }
    }

    /// <summary>Queues <paramref name="key"/> unless it is already waiting.</summary>
    /// <param name="key">The key.</param>
    public void Add(ObjectKey key)
    {
        lock (_lock)
        {
            if (_shuttingDown)
            {
                return;
            }

            _metrics.Added(key);
            if (!_dirty.TryAdd(key, _time.GetTimestamp()) || _processing.ContainsKey(key))
            {
                // Already waiting, or being processed: Done queues it again.
                return;
            }

            EnqueueLocked(key);
        }
    }

    /// <summary>Queues <paramref name="key"/> once <paramref name="delay"/> has passed.</summary>
    /// <param name="key">The key.</param>
    /// <param name="delay">The delay; zero or less queues at once.</param>
    public void AddAfter(ObjectKey key, TimeSpan delay)
    {
        if (IsShuttingDown)
        {
            return;
        }

        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        _delayed.Schedule(key, delay);
    }

    /// <summary>
    /// Queues <paramref name="key"/> for a retry after the longer of its own backoff and the wait for
    /// a token of the overall bucket.
    /// </summary>
    /// <param name="key">The failed key.</param>
    public void AddRateLimited(ObjectKey key)
    {
        if (IsShuttingDown)
        {
            return;
        }

        _metrics.Retried(key);
        var backoff = _backoff.NextDelay(key);
        var bucket = _bucket.Reserve();
        AddAfter(key, backoff > bucket ? backoff : bucket);
    }

    /// <summary>Resets the backoff of <paramref name="key"/>, typically after it succeeded.</summary>
    /// <param name="key">The key.</param>
    public void Forget(ObjectKey key) => _backoff.Forget(key);

    /// <summary>How many consecutive failures of <paramref name="key"/> have been retried.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The failure count since the last <see cref="Forget"/>.</returns>
    public int Failures(ObjectKey key) => _backoff.Failures(key);

    /// <summary>
    /// Waits for a key and marks it as being processed. The caller must call <see cref="Done"/> with it.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The key, or <see langword="null"/> once the queue is shutting down.</returns>
    public async Task<ObjectKey?> GetAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TaskCompletionSource<ObjectKey?> waiter;
        lock (_lock)
        {
            if (_shuttingDown)
            {
                return null;
            }

            if (_queue.Count > 0)
            {
                return TakeLocked();
            }

            waiter = new TaskCompletionSource<ObjectKey?>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.AddLast(waiter);
        }

        await using var registration = cancellationToken.Register(() => CancelWaiter(waiter, cancellationToken));
        return await waiter.Task;
    }

    /// <summary>Marks <paramref name="key"/> as processed; queues it again if it was added meanwhile.</summary>
    /// <param name="key">A key returned by <see cref="GetAsync"/>.</param>
    public void Done(ObjectKey key)
    {
        lock (_lock)
        {
            if (!_processing.Remove(key, out var startedAt))
            {
                return;
            }

            _metrics.WorkDone(_time.GetElapsedTime(startedAt));
            if (_shuttingDown)
            {
                _dirty.Remove(key);
                CompleteDrainIfIdleLocked();
                return;
            }

            if (_dirty.ContainsKey(key))
            {
                EnqueueLocked(key);
            }
        }
    }

    /// <summary>
    /// Stops handing out keys, ignores new adds and waits until every key being processed is done.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (the queue stays shut down).</param>
    /// <returns>A task that completes when no key is being processed.</returns>
    public Task ShutDownAsync(CancellationToken cancellationToken)
    {
        List<TaskCompletionSource<ObjectKey?>> waiters;
        lock (_lock)
        {
            _shuttingDown = true;
            _queue.Clear();
            _metrics.DepthChanged(0);
            waiters = [.. _waiters];
            _waiters.Clear();
            CompleteDrainIfIdleLocked();
        }

        _delayed.Dispose();
        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(null);
        }

        return _drained.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Cancels the pending delayed adds.</summary>
    public void Dispose() => _delayed.Dispose();

    private void EnqueueLocked(ObjectKey key)
    {
        // A worker already waiting takes the key directly; the queue only holds keys nobody waits for.
        var waiter = _waiters.First;
        if (waiter is null)
        {
            _queue.Enqueue(key);
            _metrics.DepthChanged(_queue.Count);
            return;
        }

        _waiters.RemoveFirst();
        waiter.Value.TrySetResult(MarkProcessingLocked(key));
    }

    private ObjectKey TakeLocked()
    {
        var key = _queue.Dequeue();
        _metrics.DepthChanged(_queue.Count);
        return MarkProcessingLocked(key);
    }

    private ObjectKey MarkProcessingLocked(ObjectKey key)
    {
        if (_dirty.Remove(key, out var addedAt))
        {
            _metrics.Dequeued(_time.GetElapsedTime(addedAt));
        }

        _processing[key] = _time.GetTimestamp();
        return key;
    }

    private void CancelWaiter(TaskCompletionSource<ObjectKey?> waiter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            // When the waiter is no longer listed it already received a key, which the caller will get.
            if (!_waiters.Remove(waiter))
            {
                return;
            }
        }

        waiter.TrySetCanceled(cancellationToken);
    }

    private void CompleteDrainIfIdleLocked()
    {
        if (_processing.Count == 0)
        {
            _drained.TrySetResult();
        }
    }
}
