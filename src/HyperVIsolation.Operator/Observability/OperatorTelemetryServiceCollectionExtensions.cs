using HyperVIsolation.ControllerRuntime.Cache;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HyperVIsolation.Operator.Observability;

/// <summary>Registers the operator's metrics, traces and their exporters.</summary>
internal static class OperatorTelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="OperatorTelemetry"/>, the informer metrics, the Prometheus exporter (scraped on
    /// <c>/metrics</c>) and, when <paramref name="otlpEndpoint"/> is set, OTLP export of metrics and traces.
    /// Tracing is on even without an exporter: the reconcile span's trace id goes into every log line.
    /// </summary>
    public static IServiceCollection AddOperatorTelemetry(this IServiceCollection services, Uri? otlpEndpoint)
    {
        services.AddMetrics();
        services.TryAddSingleton<OperatorTelemetry>();
        services.TryAddSingleton<IInformerMetrics, InformerMetrics>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("hyperv-isolation-operator"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(OperatorTelemetry.MeterName).AddPrometheusExporter();
                if (otlpEndpoint is not null)
                {
                    metrics.AddOtlpExporter(exporter => exporter.Endpoint = otlpEndpoint);
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(OperatorTelemetry.ActivitySourceName);
                if (otlpEndpoint is not null)
                {
                    tracing.AddOtlpExporter(exporter => exporter.Endpoint = otlpEndpoint);
                }
            });
        return services;
    }
}
