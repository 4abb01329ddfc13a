namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>
/// Delays between failed list/watch attempts: doubling from an initial delay up to a cap, each with up to
/// +50 % random jitter so that many replicas hit by the same API outage do not retry in lockstep.
/// Not thread-safe: one per informer loop.
/// </summary>
public sealed class JitteredBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly Random _random;
    private int _failures;

    /// <summary>Creates the backoff.</summary>
    /// <param name="initial">The first delay.</param>
    /// <param name="max">The longest delay before jitter.</param>
    /// <param name="random">The jitter source; a shared one when <see langword="null"/>.</param>
    public JitteredBackoff(TimeSpan initial, TimeSpan max, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        _initial = initial;
        _max = max;
        _random = random ?? Random.Shared;
    }

    /// <summary>Counts a failure and returns how long to wait before the next attempt.</summary>
    /// <returns>The delay.</returns>
    public TimeSpan Next()
    {
        var ticks = Math.Min(_initial.Ticks * Math.Pow(2, Math.Min(_failures, 30)), _max.Ticks);
        _failures++;
#pragma warning disable CA5394 // Jitter, not security.
        var jitter = 1 + (_random.NextDouble() * 0.5);
#pragma warning restore CA5394
        return TimeSpan.FromTicks((long)(ticks * jitter));
    }

    /// <summary>Starts over after a success.</summary>
    public void Reset() => _failures = 0;
}
