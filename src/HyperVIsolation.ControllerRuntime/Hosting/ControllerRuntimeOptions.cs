using HyperVIsolation.ControllerRuntime.Queue;

namespace HyperVIsolation.ControllerRuntime.Hosting;

/// <summary>How the hosted controllers and caches run; each process binds it from its own settings.</summary>
public sealed record ControllerRuntimeOptions
{
    /// <summary>
    /// How many keys each controller reconciles concurrently; kube-controller-manager's ReplicaSet controller
    /// also runs 5. Reconciles mostly wait on API calls, so more workers than cores shorten the queue.
    /// </summary>
    public int Workers { get; init; } = 5;

    /// <summary>Retry backoff and overall rate limit of the controllers' work queues.</summary>
    public WorkQueueOptions Queue { get; init; } = new();

    /// <summary>
    /// How long an informer may stay silent before <c>/healthz</c> fails. Longer than the watch timeout
    /// (5 minutes), since an idle watch is only heard from when the server closes it or sends a bookmark.
    /// </summary>
    public TimeSpan WatchStallThreshold { get; init; } = TimeSpan.FromMinutes(10);
}
