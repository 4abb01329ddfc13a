namespace HyperVIsolation.ControllerRuntime.Queue;

/// <summary>
/// Keys due to be added later, one timer per key. When a key is scheduled twice only the earlier
/// time is kept, so a <c>RequeueAfter</c> cannot postpone a retry that is already due sooner.
/// </summary>
public sealed class DelayedKeySchedule : IDisposable
{
    private readonly Dictionary<ObjectKey, ScheduledKey> _scheduled = [];
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Action<ObjectKey> _onDue;
    private bool _disposed;

    /// <summary>Creates an empty schedule.</summary>
    /// <param name="time">The clock whose timers fire the adds.</param>
    /// <param name="onDue">Called, outside any lock, when a key is due.</param>
    public DelayedKeySchedule(TimeProvider time, Action<ObjectKey> onDue)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(onDue);
        _time = time;
        _onDue = onDue;
    }

    /// <summary>How many keys are waiting for their time.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _scheduled.Count;
            }
        }
    }

    /// <summary>Schedules <paramref name="key"/> to be due after <paramref name="delay"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="delay">A positive delay.</param>
    public void Schedule(ObjectKey key, TimeSpan delay)
    {
        var dueAt = _time.GetUtcNow() + delay;
        lock (_lock)
        {
            if (_disposed || (_scheduled.TryGetValue(key, out var existing) && existing.DueAt <= dueAt))
            {
                return;
            }

            existing?.Timer?.Dispose();
            var scheduled = new ScheduledKey(key, dueAt);
            scheduled.Timer = _time.CreateTimer(Fire, scheduled, delay, Timeout.InfiniteTimeSpan);
            _scheduled[key] = scheduled;
        }
    }

    /// <summary>Cancels every pending timer; later calls to <see cref="Schedule"/> are ignored.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var scheduled in _scheduled.Values)
            {
                scheduled.Timer?.Dispose();
            }

            _scheduled.Clear();
        }
    }

    private void Fire(object? state)
    {
        var scheduled = (ScheduledKey)state!;
        lock (_lock)
        {
            // A timer replaced by an earlier one may still fire: only the current entry counts.
            if (!_scheduled.TryGetValue(scheduled.Key, out var current) || !ReferenceEquals(current, scheduled))
            {
                return;
            }

            _scheduled.Remove(scheduled.Key);
            scheduled.Timer?.Dispose();
        }

        _onDue(scheduled.Key);
    }

    private sealed class ScheduledKey(ObjectKey key, DateTimeOffset dueAt)
    {
        public ObjectKey Key { get; } = key;

        public DateTimeOffset DueAt { get; } = dueAt;

        public ITimer? Timer { get; set; }
    }
}
