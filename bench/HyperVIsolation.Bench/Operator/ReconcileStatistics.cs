using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HyperVIsolation.Operator.Observability;

namespace HyperVIsolation.Bench.Operator;

/// <summary>
/// Listens to the operator's own meter during a phase: reconciles by controller and result, time spent
/// reconciling and time keys waited in the queue. Tells whether a slow rollout is the operator's work or
/// the cluster's (scheduler, kubelets, API server).
/// </summary>
internal sealed class ReconcileStatistics : IDisposable
{
    private const string Prefix = OperatorTelemetry.MeterName + "_";
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, Sum> sums = new(StringComparer.Ordinal);

    /// <summary>Starts listening.</summary>
    public ReconcileStatistics()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == OperatorTelemetry.MeterName
                && instrument.Name is Prefix + "reconcile_duration_seconds" or Prefix + "workqueue_latency_seconds")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>(Record);
        listener.Start();
    }

    /// <summary>Reconciles seen, by <c>controller/result</c>.</summary>
    public IReadOnlyDictionary<string, long> Reconciles => Snapshot("reconcile", s => s.Count);

    /// <summary>Mean reconcile duration in milliseconds, by controller.</summary>
    public IReadOnlyDictionary<string, double> MeanReconcileMilliseconds => Means("reconcile-time");

    /// <summary>Mean time keys waited in the queue in milliseconds, by controller.</summary>
    public IReadOnlyDictionary<string, double> MeanQueueWaitMilliseconds => Means("queue-wait");

    /// <inheritdoc />
    public void Dispose() => listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? controller = null;
        string? result = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "controller")
            {
                controller = tag.Value as string;
            }
            else if (tag.Key == "result")
            {
                result = tag.Value as string;
            }
        }

        if (instrument.Name == Prefix + "reconcile_duration_seconds")
        {
            Add($"reconcile {controller}/{result}", value);
            Add($"reconcile-time {controller}", value);
        }
        else
        {
            Add($"queue-wait {controller}", value);
        }
    }

    private void Add(string key, double seconds) => sums.AddOrUpdate(key, _ => new Sum(1, seconds), (_, sum) => new Sum(sum.Count + 1, sum.Seconds + seconds));

    private SortedDictionary<string, long> Snapshot(string kind, Func<Sum, long> value) =>
        new(sums.Where(s => s.Key.StartsWith(kind + " ", StringComparison.Ordinal)).ToDictionary(s => s.Key[(kind.Length + 1)..], s => value(s.Value)), StringComparer.Ordinal);

    private SortedDictionary<string, double> Means(string kind) =>
        new(sums.Where(s => s.Key.StartsWith(kind + " ", StringComparison.Ordinal))
            .ToDictionary(s => s.Key[(kind.Length + 1)..], s => s.Value.Seconds * 1000 / s.Value.Count), StringComparer.Ordinal);

    private sealed record Sum(long Count, double Seconds);
}
