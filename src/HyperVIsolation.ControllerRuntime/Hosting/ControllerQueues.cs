using HyperVIsolation.ControllerRuntime.Queue;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.ControllerRuntime.Hosting;

/// <summary>
/// One work queue per registered controller, created before the informers so their handlers can feed it,
/// and kept across leadership terms: keys queued while following are worked off once this replica leads.
/// </summary>
public sealed class ControllerQueues : IDisposable
{
    private readonly Dictionary<string, WorkQueue> _queues;

    /// <summary>Creates one queue per registered controller.</summary>
    internal ControllerQueues(IEnumerable<ControllerRegistration> registrations, IOptions<ControllerRuntimeOptions> options, IControllerInstrumentation instrumentation, TimeProvider time)
    {
        _queues = registrations.ToDictionary(
            registration => registration.Name,
            registration => new WorkQueue(options.Value.Queue, time, instrumentation.QueueMetrics(registration.Name)),
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
