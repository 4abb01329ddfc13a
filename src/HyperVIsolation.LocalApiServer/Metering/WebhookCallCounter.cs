namespace HyperVIsolation.LocalApiServer.Metering;

/// <summary>
/// Counts the server's admission webhook calls by outcome (always on: one interlocked add per call), so a test
/// can show that no call failed over a period, for example while an operator starts, and why when one did.
/// </summary>
public sealed class WebhookCallCounter
{
    private readonly long[] counts = new long[Enum.GetValues<WebhookCallOutcome>().Length];

    /// <summary>Calls that did not end with an answer, of every kind.</summary>
    public long Failures => Snapshot().Where(entry => entry.Key != WebhookCallOutcome.Answered).Sum(entry => entry.Value);

    /// <summary>Calls that ended with <paramref name="outcome"/> so far.</summary>
    public long Count(WebhookCallOutcome outcome) => Interlocked.Read(ref counts[(int)outcome]);

    /// <summary>Every outcome and its count, at the time of the call.</summary>
    public IReadOnlyDictionary<WebhookCallOutcome, long> Snapshot() => Enum.GetValues<WebhookCallOutcome>().ToDictionary(outcome => outcome, Count);

    /// <summary>Counts one call.</summary>
    internal void Record(WebhookCallOutcome outcome) => Interlocked.Increment(ref counts[(int)outcome]);
}
