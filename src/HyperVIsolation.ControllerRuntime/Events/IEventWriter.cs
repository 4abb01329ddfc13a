using k8s.Models;

namespace HyperVIsolation.ControllerRuntime.Events;

/// <summary>Where an <see cref="EventRecorder"/> writes: the API server for real (<see cref="KubernetesEventWriter"/>), a fake in tests.</summary>
public interface IEventWriter
{
    /// <summary>Creates a core/v1 Event.</summary>
    Task CreateEventAsync(Corev1Event coreEvent, CancellationToken cancellationToken);

    /// <summary>Sets an existing Event's count and last timestamp.</summary>
    Task UpdateEventCountAsync(string @namespace, string name, int count, DateTime lastTimestamp, CancellationToken cancellationToken);
}
