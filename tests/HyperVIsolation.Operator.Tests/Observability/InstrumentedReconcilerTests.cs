using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using HyperVIsolation.ControllerRuntime.Controllers;
using HyperVIsolation.ControllerRuntime.Queue;
using HyperVIsolation.Operator.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace HyperVIsolation.Operator.Tests.Observability;

public sealed class InstrumentedReconcilerTests
{
    [Fact]
    public async Task ReconcileAsync_InnerLogs_JsonLineCarriesWorkloadAndTraceScope()
    {
        var capture = new CapturingJsonLoggerProvider();
        await using var services = new ServiceCollection()
            .AddMetrics()
            .AddSingleton<OperatorTelemetry>()
            .AddLogging(logging => logging.AddOperatorLogging().AddProvider(capture))
            .BuildServiceProvider();
        capture.Formatter = services.GetServices<ConsoleFormatter>().Single(formatter => formatter.Name == ConsoleFormatterNames.Json);
        using var listener = ListenTo(OperatorTelemetry.ActivitySourceName);
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var inner = new LoggingReconciler(loggers.CreateLogger("Reconciliation"));
        var reconciler = new InstrumentedReconciler(inner, "workloads", services.GetRequiredService<OperatorTelemetry>(), loggers.CreateLogger<InstrumentedReconciler>());

        await reconciler.ReconcileAsync(new ObjectKey("tenant-a", "web"), CancellationToken.None);

        var line = capture.Lines.Should().ContainSingle().Subject;
        using var json = JsonDocument.Parse(line);
        var scope = json.RootElement.GetProperty("Scopes").EnumerateArray().Single(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("WorkloadName", out _));
        scope.GetProperty("WorkloadNamespace").GetString().Should().Be("tenant-a");
        scope.GetProperty("WorkloadName").GetString().Should().Be("web");
        scope.GetProperty("Controller").GetString().Should().Be("workloads");
        scope.GetProperty("TraceId").GetString().Should().Be(inner.TraceId).And.MatchRegex("^[0-9a-f]{32}$");
        json.RootElement.GetProperty("Message").GetString().Should().Be("reconciling tenant-a/web");
    }

    [Fact]
    public async Task ReconcileAsync_FailedAndThrowing_CountsResultsAndErrors()
    {
        await using var services = new ServiceCollection().AddMetrics().AddSingleton<OperatorTelemetry>().BuildServiceProvider();
        var telemetry = services.GetRequiredService<OperatorTelemetry>();
        var measurements = new List<(string Instrument, string? Result)>();
        using var meterListener = new MeterListener();
        meterListener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == telemetry.Meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meterListener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
            measurements.Add((instrument.Name, tags.ToArray().Single(tag => tag.Key == "result").Value as string)));
        meterListener.Start();
        var failing = new InstrumentedReconciler(new FixedReconciler(ReconcileResult.Failed("no nodes")), "workloads", telemetry, NullLoggerFor());
        var throwing = new InstrumentedReconciler(new FixedReconciler(null), "workloads", telemetry, NullLoggerFor());

        await failing.ReconcileAsync(new ObjectKey("ns", "a"), CancellationToken.None);
        var thrown = await FluentActions.Awaiting(() => throwing.ReconcileAsync(new ObjectKey("ns", "b"), CancellationToken.None))
            .Should().ThrowAsync<InvalidOperationException>();

        measurements.Should().BeEquivalentTo(new[]
        {
            ("hyperv_isolation_reconcile_total", "failed"),
            ("hyperv_isolation_reconcile_errors_total", "failed"),
            ("hyperv_isolation_reconcile_total", "error"),
            ("hyperv_isolation_reconcile_errors_total", "error"),
        });
    }

    private static Microsoft.Extensions.Logging.Abstractions.NullLogger NullLoggerFor() => Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    private static ActivityListener ListenTo(string source)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = activitySource => activitySource.Name == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private sealed class LoggingReconciler(ILogger logger) : IReconciler
    {
        public string? TraceId { get; private set; }

        public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            TraceId = Activity.Current?.TraceId.ToHexString();
            LogReconciling(logger, key.ToString(), null);
            return Task.FromResult(ReconcileResult.Done);
        }
    }

    private static readonly Action<ILogger, string, Exception?> LogReconciling =
        LoggerMessage.Define<string>(LogLevel.Information, default, "reconciling {Key}");

    private sealed class FixedReconciler(ReconcileResult? result) : IReconciler
    {
        public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken) =>
            result is null ? throw new InvalidOperationException("boom") : Task.FromResult(result);
    }
}
