using System.Diagnostics.Metrics;
using HyperVIsolation.Operator.Observability;
using Microsoft.Extensions.DependencyInjection;

namespace HyperVIsolation.Operator.Tests.Integration;

/// <summary>
/// Counts one host's reconciles of one controller by listening to that host's own meter (several hosts
/// share the process, so the instrument is matched by meter instance, not by name).
/// </summary>
internal sealed class ReconcileCounter : IDisposable
{
    private readonly MeterListener listener = new();
    private long count;

    public ReconcileCounter(Hosting.TestOperatorHost host, string controller)
    {
        var meter = host.App.Services.GetRequiredService<OperatorTelemetry>().Meter;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == OperatorTelemetry.MeterName + "_reconcile_total")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "controller" && Equals(tag.Value, controller))
                {
                    Interlocked.Add(ref count, value);
                }
            }
        });
        listener.Start();
    }

    public long Count => Interlocked.Read(ref count);

    public void Dispose() => listener.Dispose();
}
