namespace HyperVIsolation.ControllerRuntime.Queue;

/// <summary>Rate limits of a <see cref="WorkQueue"/>.</summary>
public sealed record WorkQueueOptions
{
    /// <summary>The first retry delay of a failing key; it doubles on each further failure.</summary>
    public TimeSpan BaseRetryDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest retry delay of a failing key. Keys are never dropped, only slowed down.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(1000);

    /// <summary>Sustained rate of rate-limited adds across all keys, in tokens per second.</summary>
    public double TokensPerSecond { get; init; } = 10;

    /// <summary>How many rate-limited adds may happen at once before the sustained rate applies.</summary>
    public int Burst { get; init; } = 100;

    /// <summary>Returns every problem with these options; empty when they are valid.</summary>
    /// <returns>The problems found.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (BaseRetryDelay <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(BaseRetryDelay)} must be positive.");
        }

        if (MaxRetryDelay < BaseRetryDelay)
        {
            errors.Add($"{nameof(MaxRetryDelay)} must be at least {nameof(BaseRetryDelay)}.");
        }

        if (!(TokensPerSecond > 0))
        {
            errors.Add($"{nameof(TokensPerSecond)} must be positive.");
        }

        if (Burst < 1)
        {
            errors.Add($"{nameof(Burst)} must be at least 1.");
        }

        return errors;
    }
}
