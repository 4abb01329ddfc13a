namespace HyperVIsolation.ControllerRuntime.Queue;

/// <summary>
/// An overall rate limit: <c>burst</c> tokens refilled at <c>tokensPerSecond</c>. Unlike a blocking
/// limiter it hands out reservations: each call takes a token now or in the future and says how long
/// to wait for it, so a storm of retries is spread out instead of refused.
/// </summary>
public sealed class TokenBucket
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly double _tokensPerSecond;
    private readonly int _burst;
    private double _tokens;
    private DateTimeOffset _updatedAt;

    /// <summary>Creates a full bucket.</summary>
    /// <param name="tokensPerSecond">The refill rate.</param>
    /// <param name="burst">The bucket size.</param>
    /// <param name="time">The clock.</param>
    public TokenBucket(double tokensPerSecond, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tokensPerSecond, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentNullException.ThrowIfNull(time);
        _tokensPerSecond = tokensPerSecond;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _updatedAt = time.GetUtcNow();
    }

    /// <summary>Takes one token and returns how long the caller must wait before using it.</summary>
    /// <returns><see cref="TimeSpan.Zero"/> when a token is available now, otherwise the wait.</returns>
    public TimeSpan Reserve()
    {
        lock (_lock)
        {
            Refill();
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _tokensPerSecond);
        }
    }

    private void Refill()
    {
        var now = _time.GetUtcNow();
        var elapsed = (now - _updatedAt).TotalSeconds;
        if (elapsed > 0)
        {
            _tokens = Math.Min(_burst, _tokens + (elapsed * _tokensPerSecond));
            _updatedAt = now;
        }
    }
}
