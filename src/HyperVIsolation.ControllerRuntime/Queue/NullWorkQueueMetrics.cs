namespace HyperVIsolation.ControllerRuntime.Queue;

/// <summary>Metrics that record nothing, for queues nobody observes.</summary>
public sealed class NullWorkQueueMetrics : IWorkQueueMetrics
{
    /// <summary>The shared instance.</summary>
    public static NullWorkQueueMetrics Instance { get; } = new();

    private NullWorkQueueMetrics()
    {
    }

    /// <inheritdoc/>
    public void Added(ObjectKey key)
    {
    }

    /// <inheritdoc/>
    public void DepthChanged(int depth)
    {
    }

    /// <inheritdoc/>
    public void Retried(ObjectKey key)
    {
    }

    /// <inheritdoc/>
    public void Dequeued(TimeSpan waited)
    {
    }

    /// <inheritdoc/>
    public void WorkDone(TimeSpan duration)
    {
    }
}
