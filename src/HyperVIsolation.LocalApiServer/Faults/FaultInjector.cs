using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.Faults;

/// <summary>
/// Faults a test can inject into a running server: dropped watches, failing requests
/// (429/500/503 for a seeded share, optionally only some verbs or resources), latency,
/// compacted history (410 for older watches and continue tokens) and a restart that keeps state.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock gate = new();
    private readonly ObjectStore store;
    private readonly Func<CancellationToken, Task> restart;
    private FaultRule? rule;
    private Random random = new(0);
    private TimeSpan latency;
    private long injected;

    internal FaultInjector(ObjectStore store, Func<CancellationToken, Task> restart)
    {
        this.store = store;
        this.restart = restart;
    }

    /// <summary>How many requests failed on purpose so far.</summary>
    public long InjectedFailures => Interlocked.Read(ref injected);

    /// <summary>Ends every live watch now (clients see the stream close and re-watch).</summary>
    public void DropAllWatches() => store.CloseAllWatches();

    /// <summary>Drops the change history: watches and continue tokens from older versions get 410 Gone.</summary>
    public void CompactHistory() => store.CompactHistory();

    /// <summary>Fails a share of the matching requests from now on (replaces an earlier rule).</summary>
    public void FailRequests(FaultRule failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.StatusCode is not (429 or 500 or 503) || failure.Share is < 0 or > 1)
        {
            throw new ArgumentException("StatusCode must be 429, 500 or 503 and Share between 0 and 1.", nameof(failure));
        }

        lock (gate)
        {
            rule = failure;
            random = new Random(failure.Seed);
        }
    }

    /// <summary>Delays every API request by <paramref name="delay"/> (zero removes it).</summary>
    public void AddLatency(TimeSpan delay)
    {
        lock (gate)
        {
            latency = delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        }
    }

    /// <summary>Stops failing requests and removes latency.</summary>
    public void Clear()
    {
        lock (gate)
        {
            rule = null;
            latency = TimeSpan.Zero;
        }
    }

    /// <summary>Stops the HTTPS listener and starts it again on the same port, keeping objects and certificates.</summary>
    public Task RestartAsync(CancellationToken cancellationToken) => restart(cancellationToken);

    /// <summary>Waits the configured latency, then returns the error to answer with, if this request should fail.</summary>
    internal async Task<(ApiException Error, int RetryAfterSeconds)?> BeforeRequestAsync(string verb, string resource, CancellationToken cancellationToken)
    {
        TimeSpan delay;
        FaultRule? current;
        var fail = false;
        lock (gate)
        {
            delay = latency;
            current = rule;
            if (current is not null && Applies(current, verb, resource))
            {
                fail = random.NextDouble() < current.Share;
            }
        }

        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken);
        }

        if (!fail || current is null)
        {
            return null;
        }

        Interlocked.Increment(ref injected);
        var error = current.StatusCode switch
        {
            429 => new ApiException(429, "TooManyRequests", "Too many requests, please try again later.", new System.Text.Json.Nodes.JsonObject { ["retryAfterSeconds"] = current.RetryAfterSeconds }),
            503 => new ApiException(503, "ServiceUnavailable", "The server is currently unable to handle the request (injected fault)"),
            _ => new ApiException(500, "InternalError", "Internal error occurred: injected fault"),
        };
        return (error, current.RetryAfterSeconds);
    }

    private static bool Applies(FaultRule rule, string verb, string resource) =>
        (rule.Verbs.Count == 0 || rule.Verbs.Contains(verb)) && (rule.Resources.Count == 0 || rule.Resources.Contains(resource));
}
