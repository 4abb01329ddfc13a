namespace HyperVIsolation.NodeAgent.Hcs;

/// <summary>
/// Puts a time limit on every call of an <see cref="IHostComputeService"/> and the systems it opens, whatever the
/// implementation: a call that has not completed after the limit fails with an <see cref="HcsException"/> of
/// <see cref="HcsErrorCodes.OperationTimeout"/> (and cancellation returns at once), so a stuck HCS never hangs a
/// reconcile. The abandoned call is left to finish on its own; computecore's own wait is finite too
/// (<see cref="ComputeCoreHostComputeService"/>), so its thread comes back.
/// </summary>
public sealed class TimeLimitedHostComputeService : IHostComputeService
{
    private readonly IHostComputeService inner;
    private readonly TimeSpan timeout;
    private readonly TimeProvider timeProvider;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is not a positive, finite time.</exception>
    public TimeLimitedHostComputeService(IHostComputeService inner, TimeSpan timeout, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        HcsOperationTimeout.Validate(timeout);
        this.inner = inner;
        this.timeout = timeout;
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public Task<string> EnumerateComputeSystemsAsync(string queryJson, CancellationToken cancellationToken) =>
        WithinAsync("HcsEnumerateComputeSystems", token => inner.EnumerateComputeSystemsAsync(queryJson, token), cancellationToken);

    /// <inheritdoc/>
    public async Task<IComputeSystem> OpenComputeSystemAsync(string id, CancellationToken cancellationToken)
    {
        var system = await WithinAsync($"HcsOpenComputeSystem({id})", token => inner.OpenComputeSystemAsync(id, token), cancellationToken);
        return new TimeLimitedComputeSystem(system, this);
    }

    /// <summary>Runs <paramref name="call"/>, giving up after the limit or on cancellation.</summary>
    internal async Task<T> WithinAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var task = call(limit.Token);
        try
        {
            return await task.WaitAsync(timeout, timeProvider, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Tell the call to stop (honoured by implementations that can), then report the time-out.
            Abandon(task);
            await limit.CancelAsync();
            throw HcsOperationTimeout.Expired(operation, timeout);
        }
        catch (OperationCanceledException) when (!task.IsCompleted)
        {
            Abandon(task);
            throw;
        }
    }

    // A call given up on may still fail later; observe that so it is not reported as an unobserved task exception.
    private static void Abandon(Task task) =>
        _ = task.ContinueWith(static done => _ = done.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private sealed class TimeLimitedComputeSystem(IComputeSystem inner, TimeLimitedHostComputeService limits) : IComputeSystem
    {
        public string Id => inner.Id;

        public Task<string> GetPropertiesAsync(string propertyQueryJson, CancellationToken cancellationToken) =>
            limits.WithinAsync($"HcsGetComputeSystemProperties({Id})", token => inner.GetPropertiesAsync(propertyQueryJson, token), cancellationToken);

        public Task ModifyAsync(string settingsJson, CancellationToken cancellationToken) =>
            limits.WithinAsync(
                $"HcsModifyComputeSystem({Id})",
                async token =>
                {
                    await inner.ModifyAsync(settingsJson, token);
                    return true;
                },
                cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
