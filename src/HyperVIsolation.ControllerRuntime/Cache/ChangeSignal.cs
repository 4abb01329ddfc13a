namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>
/// A level-triggered wake-up: any number of <see cref="Notify"/> calls before the next wait collapse
/// into one wake-up. Loops treat watches only as this signal and re-read the current state, so a
/// missed or duplicated event never leaves them wrong.
/// </summary>
public sealed class ChangeSignal : IDisposable
{
    private readonly SemaphoreSlim pending = new(0, 1);

    /// <summary>Wakes the waiter (or the next one).</summary>
    public void Notify()
    {
        try
        {
            pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every change so far.
        }
    }

    /// <summary>Waits for a notification or for <paramref name="timeout"/>; true when notified.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (timeout <= TimeSpan.Zero)
        {
            return pending.Wait(0, cancellationToken);
        }

        using var timer = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await pending.WaitAsync(linked.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => pending.Dispose();
}
