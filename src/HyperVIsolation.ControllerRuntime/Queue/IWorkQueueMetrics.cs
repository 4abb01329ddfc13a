namespace HyperVIsolation.ControllerRuntime.Queue;

/// <summary>
/// Receives what a <see cref="WorkQueue"/> does, for metrics. Calls are made synchronously, possibly
/// while the queue holds its lock: implementations must be quick and must not call back into the queue.
/// </summary>
public interface IWorkQueueMetrics
{
    /// <summary>A key was added (whether or not it collapsed into one already queued).</summary>
    /// <param name="key">The key.</param>
    void Added(ObjectKey key);

    /// <summary>The number of keys waiting to be processed changed.</summary>
    /// <param name="depth">The new number of waiting keys.</param>
    void DepthChanged(int depth);

    /// <summary>A key was scheduled for a retry after a failure.</summary>
    /// <param name="key">The key.</param>
    void Retried(ObjectKey key);

    /// <summary>A key was handed to a worker after waiting in the queue.</summary>
    /// <param name="waited">How long it waited.</param>
    void Dequeued(TimeSpan waited);

    /// <summary>A worker finished with a key.</summary>
    /// <param name="duration">How long the work took.</param>
    void WorkDone(TimeSpan duration);
}
