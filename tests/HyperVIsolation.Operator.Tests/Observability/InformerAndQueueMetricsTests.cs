using System.Diagnostics.Metrics;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Queue;
using HyperVIsolation.Operator.Observability;
using Microsoft.Extensions.DependencyInjection;

namespace HyperVIsolation.Operator.Tests.Observability;

public sealed class InformerAndQueueMetricsTests
{
    [Fact]
    public async Task WorkQueue_WithMetrics_RecordsDepthAddsLatencyAndRetriesTaggedByController()
    {
        await using var services = new ServiceCollection().AddMetrics().AddSingleton<OperatorTelemetry>().BuildServiceProvider();
        var telemetry = services.GetRequiredService<OperatorTelemetry>();
        using var recorded = new RecordedMeasurements(telemetry.Meter);
        using var queue = new WorkQueue(metrics: new WorkQueueMetrics("workloads", telemetry));

        queue.Add(new ObjectKey("ns", "a"));
        var key = await queue.GetAsync(CancellationToken.None);
        queue.AddRateLimited(key!.Value);
        queue.Done(key.Value);

        recorded.Names.Should().Contain(
        [
            "hyperv_isolation_workqueue_adds_total",
            "hyperv_isolation_workqueue_depth",
            "hyperv_isolation_workqueue_latency_seconds",
            "hyperv_isolation_workqueue_retries_total",
            "hyperv_isolation_workqueue_work_duration_seconds",
        ]);
        recorded.Tags.Should().OnlyContain(tags => tags.Contains("controller=workloads"));
    }

    [Fact]
    public async Task InformerMetrics_RestartAndSize_RecordedWithResourceAndReason()
    {
        await using var services = new ServiceCollection().AddMetrics().AddSingleton<OperatorTelemetry>().BuildServiceProvider();
        var telemetry = services.GetRequiredService<OperatorTelemetry>();
        using var recorded = new RecordedMeasurements(telemetry.Meter);
        var metrics = new InformerMetrics(telemetry);

        metrics.WatchRestarted("pods", WatchRestartReason.Expired);
        metrics.CacheSizeChanged("pods", 3);

        recorded.Names.Should().Equal("hyperv_isolation_watch_restarts_total", "hyperv_isolation_cache_objects");
        recorded.Tags.Should().Equal("resource=pods,reason=expired", "resource=pods");
    }

    private sealed class RecordedMeasurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Name, string Tags)> _measurements = [];

        public RecordedMeasurements(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == meter)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Record(instrument, tags));
            _listener.SetMeasurementEventCallback<int>((instrument, _, tags, _) => Record(instrument, tags));
            _listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Record(instrument, tags));
            _listener.Start();
        }

        public IEnumerable<string> Names => Snapshot().Select(m => m.Name);

        public IEnumerable<string> Tags => Snapshot().Select(m => m.Tags);

        public void Dispose() => _listener.Dispose();

        private List<(string Name, string Tags)> Snapshot()
        {
            lock (_measurements)
            {
                return [.. _measurements];
            }
        }

        private void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var text = string.Join(',', tags.ToArray().Select(tag => $"{tag.Key}={tag.Value}"));
            lock (_measurements)
            {
                _measurements.Add((instrument.Name, text));
            }
        }
    }
}
