using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace HyperVIsolation.NodeAgent.Observability;

/// <summary>
/// The node agent's per-VM metrics (meter <see cref="MeterName"/>): the latest HCS reading of each verified pod's
/// utility VM, labelled with pod and namespace, exported on the agent's <c>/metrics</c>. Readings are taken by the
/// verification pass (every resync), so scraping never calls HCS.
/// </summary>
public sealed class VmStatistics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "HyperVIsolation.NodeAgent";

    private readonly ConcurrentDictionary<(string Namespace, string Pod), VmSample> samples = new();
    private readonly Meter meter;

    /// <summary>Creates the instruments.</summary>
    public VmStatistics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        meter = meters.Create(MeterName);
        meter.CreateObservableGauge("hyperv_isolation.vm.memory.assigned", () => Measure(s => (long)s.AssignedMemoryBytes), "By", "Memory assigned to the pod's utility VM.");
        meter.CreateObservableGauge("hyperv_isolation.vm.memory.commit", () => Measure(s => (long)s.CommitBytes), "By", "Memory committed in the pod's utility VM.");
        meter.CreateObservableCounter("hyperv_isolation.vm.cpu.time", () => Measure(s => s.CpuSeconds), "s", "CPU time used by the pod's utility VM.");
        meter.CreateObservableCounter("hyperv_isolation.vm.storage.read", () => Measure(s => (long)s.StorageReadBytes), "By", "Bytes the pod's utility VM read from storage.");
        meter.CreateObservableCounter("hyperv_isolation.vm.storage.written", () => Measure(s => (long)s.StorageWriteBytes), "By", "Bytes the pod's utility VM wrote to storage.");
    }

    /// <summary>The latest readings, one per pod.</summary>
    public IReadOnlyCollection<VmSample> Samples => [.. samples.Values];

    /// <summary>Keeps <paramref name="sample"/> as its pod's latest reading.</summary>
    public void Record(VmSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        samples[(sample.Namespace, sample.Pod)] = sample;
    }

    /// <summary>Forgets a pod (deleted, ended, or its VM gone), so its series stop.</summary>
    public void Forget(string ns, string pod) => samples.TryRemove((ns, pod), out _);

    /// <inheritdoc/>
    public void Dispose() => meter.Dispose();

    private IEnumerable<Measurement<T>> Measure<T>(Func<VmSample, T> value)
        where T : struct =>
        samples.Values.Select(sample => new Measurement<T>(
            value(sample),
            new KeyValuePair<string, object?>("namespace", sample.Namespace),
            new KeyValuePair<string, object?>("pod", sample.Pod),
            new KeyValuePair<string, object?>("vm", sample.VmId)));
}
