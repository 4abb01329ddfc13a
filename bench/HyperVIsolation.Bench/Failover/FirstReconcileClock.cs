using System.Diagnostics;
using HyperVIsolation.ControllerRuntime.Controllers;
using HyperVIsolation.ControllerRuntime.Hosting;
using HyperVIsolation.ControllerRuntime.Queue;

namespace HyperVIsolation.Bench.Failover;

/// <summary>Wraps one replica's reconcilers and notes the <see cref="Stopwatch"/> timestamp at which the first reconcile began.</summary>
internal sealed class FirstReconcileClock : IControllerInstrumentation
{
    private readonly TaskCompletionSource<long> first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The timestamp of the first reconcile's start.</summary>
    public Task<long> First => first.Task;

    /// <inheritdoc />
    public IReconciler Instrument(string controller, IReconciler reconciler) => new Timed(first, reconciler);

    /// <inheritdoc />
    public IWorkQueueMetrics QueueMetrics(string controller) => NullWorkQueueMetrics.Instance;

    private sealed class Timed(TaskCompletionSource<long> first, IReconciler inner) : IReconciler
    {
        public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            if (!first.Task.IsCompleted)
            {
                first.TrySetResult(Stopwatch.GetTimestamp());
            }

            return inner.ReconcileAsync(key, cancellationToken);
        }
    }
}
