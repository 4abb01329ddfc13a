namespace HyperVIsolation.ControllerRuntime.Queue;

/// <summary>
/// Exponential retry delays per key: base, 2×base, 4×base, ... up to a cap. A failing key is slowed
/// down, never dropped; <see cref="Forget"/> starts it over once it succeeds.
/// </summary>
public sealed class PerKeyBackoff
{
    private readonly Dictionary<ObjectKey, int> _failures = [];
    private readonly Lock _lock = new();
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;

    /// <summary>Creates the backoff.</summary>
    /// <param name="baseDelay">The delay after the first failure.</param>
    /// <param name="maxDelay">The longest delay.</param>
    public PerKeyBackoff(TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
    }

    /// <summary>Counts one more failure of <paramref name="key"/> and returns how long to wait.</summary>
    /// <param name="key">The failing key.</param>
    /// <returns>The delay before the next attempt.</returns>
    public TimeSpan NextDelay(ObjectKey key)
    {
        int failures;
        lock (_lock)
        {
            failures = _failures.GetValueOrDefault(key);
            _failures[key] = failures + 1;
        }

        // Computed in doubles so a long failure streak saturates at the cap instead of overflowing.
        var ticks = _baseDelay.Ticks * Math.Pow(2, failures);
        return ticks >= _maxDelay.Ticks ? _maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>How many failures of <paramref name="key"/> have been counted since it was last forgotten.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The failure count.</returns>
    public int Failures(ObjectKey key)
    {
        lock (_lock)
        {
            return _failures.GetValueOrDefault(key);
        }
    }

    /// <summary>Clears the failure count of <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    public void Forget(ObjectKey key)
    {
        lock (_lock)
        {
            _failures.Remove(key);
        }
    }
}
