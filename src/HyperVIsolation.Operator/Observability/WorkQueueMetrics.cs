using HyperVIsolation.ControllerRuntime.Queue;

namespace HyperVIsolation.Operator.Observability;

/// <summary>Records one controller's <see cref="WorkQueue"/> activity into <see cref="OperatorTelemetry"/>.</summary>
/// <param name="controller">The controller name, the <c>controller</c> tag.</param>
/// <param name="telemetry">The instruments.</param>
internal sealed class WorkQueueMetrics(string controller, OperatorTelemetry telemetry) : IWorkQueueMetrics
{
    private readonly KeyValuePair<string, object?> _tag = new("controller", controller);

    /// <inheritdoc/>
    public void Added(ObjectKey key) => telemetry.WorkQueueAdds.Add(1, _tag);

    /// <inheritdoc/>
    public void DepthChanged(int depth) => telemetry.WorkQueueDepth.Record(depth, _tag);

    /// <inheritdoc/>
    public void Retried(ObjectKey key) => telemetry.WorkQueueRetries.Add(1, _tag);

    /// <inheritdoc/>
    public void Dequeued(TimeSpan waited) => telemetry.WorkQueueLatency.Record(waited.TotalSeconds, _tag);

    /// <inheritdoc/>
    public void WorkDone(TimeSpan duration) => telemetry.WorkQueueWorkDuration.Record(duration.TotalSeconds, _tag);
}
