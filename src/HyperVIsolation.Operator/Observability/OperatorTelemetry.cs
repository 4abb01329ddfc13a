using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HyperVIsolation.Operator.Observability;

/// <summary>
/// Every metric instrument and the trace source of the operator, defined once. The meter comes from
/// <see cref="IMeterFactory"/>, so each host (tests start several in one process) owns and disposes its own.
/// </summary>
internal sealed class OperatorTelemetry : IDisposable
{
    /// <summary>The meter name, also the prefix of every instrument.</summary>
    public const string MeterName = "hyperv_isolation";

    /// <summary>The name of the <see cref="ActivitySource"/> that traces reconciles.</summary>
    public const string ActivitySourceName = "HyperVIsolation.Operator";

    private const string Seconds = "s";

    // The exporters' default buckets suit milliseconds; these span 5 ms (a cached no-op) to a minute.
    private static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    };

    private readonly Lock _lock = new();
    private ObservableGauge<int>? _workloads;

    public OperatorTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        ReconcileTotal = Meter.CreateCounter<long>(MeterName + "_reconcile_total", description: "Reconciles by controller and result.");
        ReconcileDuration = Meter.CreateHistogram<double>(MeterName + "_reconcile_duration_seconds", Seconds, "How long reconciles take.", tags: null, advice: SecondsBuckets);
        ReconcileErrors = Meter.CreateCounter<long>(MeterName + "_reconcile_errors_total", description: "Reconciles that failed or threw.");
        WorkQueueDepth = Meter.CreateGauge<int>(MeterName + "_workqueue_depth", description: "Keys waiting to be reconciled.");
        WorkQueueAdds = Meter.CreateCounter<long>(MeterName + "_workqueue_adds_total", description: "Keys added to the work queue.");
        WorkQueueLatency = Meter.CreateHistogram<double>(MeterName + "_workqueue_latency_seconds", Seconds, "How long keys wait before a worker takes them.", tags: null, advice: SecondsBuckets);
        WorkQueueWorkDuration = Meter.CreateHistogram<double>(MeterName + "_workqueue_work_duration_seconds", Seconds, "How long workers hold a key.", tags: null, advice: SecondsBuckets);
        WorkQueueRetries = Meter.CreateCounter<long>(MeterName + "_workqueue_retries_total", description: "Keys queued again after a failure.");
        WatchRestarts = Meter.CreateCounter<long>(MeterName + "_watch_restarts_total", description: "Watches restarted, by resource and reason.");
        CacheObjects = Meter.CreateGauge<int>(MeterName + "_cache_objects", description: "Objects in each informer cache.");
    }

    /// <summary>The meter of all instruments.</summary>
    public Meter Meter { get; }

    /// <summary>The source of reconcile spans.</summary>
    public ActivitySource ActivitySource { get; } = new(ActivitySourceName);

    /// <summary><c>hyperv_isolation_reconcile_total{controller,result}</c>.</summary>
    public Counter<long> ReconcileTotal { get; }

    /// <summary><c>hyperv_isolation_reconcile_duration_seconds{controller,result}</c>.</summary>
    public Histogram<double> ReconcileDuration { get; }

    /// <summary><c>hyperv_isolation_reconcile_errors_total{controller,result}</c>.</summary>
    public Counter<long> ReconcileErrors { get; }

    /// <summary><c>hyperv_isolation_workqueue_depth{controller}</c>.</summary>
    public Gauge<int> WorkQueueDepth { get; }

    /// <summary><c>hyperv_isolation_workqueue_adds_total{controller}</c>.</summary>
    public Counter<long> WorkQueueAdds { get; }

    /// <summary><c>hyperv_isolation_workqueue_latency_seconds{controller}</c>.</summary>
    public Histogram<double> WorkQueueLatency { get; }

    /// <summary><c>hyperv_isolation_workqueue_work_duration_seconds{controller}</c>.</summary>
    public Histogram<double> WorkQueueWorkDuration { get; }

    /// <summary><c>hyperv_isolation_workqueue_retries_total{controller}</c>.</summary>
    public Counter<long> WorkQueueRetries { get; }

    /// <summary><c>hyperv_isolation_watch_restarts_total{resource,reason}</c>.</summary>
    public Counter<long> WatchRestarts { get; }

    /// <summary><c>hyperv_isolation_cache_objects{resource}</c>.</summary>
    public Gauge<int> CacheObjects { get; }

    /// <summary>
    /// Creates <c>hyperv_isolation_workloads{condition,status}</c>, observed from <paramref name="observe"/> at
    /// each collection (the workload cache knows the counts; keeping a second tally would drift). Once only.
    /// </summary>
    /// <param name="observe">Returns one measurement per condition type and status.</param>
    public void ObserveWorkloads(Func<IEnumerable<Measurement<int>>> observe)
    {
        lock (_lock)
        {
            _workloads ??= Meter.CreateObservableGauge(MeterName + "_workloads", observe, description: "IsolatedWorkloads by condition and status.");
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        ActivitySource.Dispose();
        Meter.Dispose();
    }
}
