using System.Collections.Concurrent;
using HyperVIsolation.ControllerRuntime.Queue;

namespace HyperVIsolation.ControllerRuntime.Tests.Queue;

internal sealed class RecordingWorkQueueMetrics : IWorkQueueMetrics
{
    private int _adds;
    private int _retries;

    public int Adds => _adds;

    public int Retries => _retries;

    public int Depth { get; private set; }

    public ConcurrentQueue<TimeSpan> Latencies { get; } = new();

    public ConcurrentQueue<TimeSpan> Durations { get; } = new();

    public void Added(ObjectKey key) => Interlocked.Increment(ref _adds);

    public void DepthChanged(int depth) => Depth = depth;

    public void Retried(ObjectKey key) => Interlocked.Increment(ref _retries);

    public void Dequeued(TimeSpan waited) => Latencies.Enqueue(waited);

    public void WorkDone(TimeSpan duration) => Durations.Enqueue(duration);
}
