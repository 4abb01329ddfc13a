using HyperVIsolation.Operator.ControllerRuntime.Queue;
using HyperVIsolation.Operator.Observability;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.Operator.Hosting;

/// <summary>
/// One work queue per registered controller, created before the informers so their handlers can feed it,
/// and kept across leadership terms: keys queued while following are worked off once this replica leads.
/// </summary>
internal sealed class ControllerQueues : IDisposable
{
    private readonly Dictionary<string, WorkQueue> _queues;

    public ControllerQueues(IEnumerable<ControllerRegistration> registrations, IOptions<OperatorOptions> options, OperatorTelemetry telemetry, TimeProvider time)
    {
        _queues = registrations.ToDictionary(
            registration => registration.Name,
            registration => new WorkQueue(options.Value.Queue, time, new WorkQueueMetrics(registration.Name, telemetry)),
            StringComparer.Ordinal);
    }

    /// <summary>The queue of the controller named <paramref name="controller"/>.</summary>
    public WorkQueue this[string controller] => _queues[controller];

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var queue in _queues.Values)
        {
            queue.Dispose();
        }
    }
}
