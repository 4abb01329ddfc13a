namespace HyperVIsolation.ControllerRuntime.Controllers;

/// <summary>
/// The result of one reconcile: <see cref="Done"/>, <see cref="RequeueAfter"/> or <see cref="Failed"/>.
/// Expected conditions are results, not exceptions.
/// </summary>
public sealed record ReconcileResult
{
    private ReconcileResult(ReconcileOutcome outcome, TimeSpan delay, string? reason)
    {
        Outcome = outcome;
        Delay = delay;
        Reason = reason;
    }

    /// <summary>The object is reconciled.</summary>
    public static ReconcileResult Done { get; } = new(ReconcileOutcome.Done, TimeSpan.Zero, null);

    /// <summary>What to do next.</summary>
    public ReconcileOutcome Outcome { get; }

    /// <summary>For <see cref="ReconcileOutcome.RequeueAfter"/>, how long to wait; otherwise zero.</summary>
    public TimeSpan Delay { get; }

    /// <summary>For <see cref="ReconcileOutcome.Failed"/>, why; otherwise <see langword="null"/>.</summary>
    public string? Reason { get; }

    /// <summary>Reconcile the key again after <paramref name="delay"/>, resetting its backoff.</summary>
    /// <param name="delay">The delay.</param>
    /// <returns>The result.</returns>
    public static ReconcileResult RequeueAfter(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(ReconcileOutcome.RequeueAfter, delay, null);
    }

    /// <summary>The reconcile failed; retry with the key's backoff.</summary>
    /// <param name="reason">Why, for logs.</param>
    /// <returns>The result.</returns>
    public static ReconcileResult Failed(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(ReconcileOutcome.Failed, TimeSpan.Zero, reason);
    }
}
