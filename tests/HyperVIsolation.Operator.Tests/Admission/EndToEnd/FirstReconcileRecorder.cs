using HyperVIsolation.ControllerRuntime.Controllers;
using HyperVIsolation.ControllerRuntime.Hosting;
using HyperVIsolation.ControllerRuntime.Queue;

namespace HyperVIsolation.Operator.Tests.Admission.EndToEnd;

/// <summary>
/// Wraps every reconciler of one operator host and records, at the start of the first reconcile of any controller,
/// whatever <see cref="Observe"/> says about the process at that instant (whether its webhook could answer).
/// </summary>
internal sealed class FirstReconcileRecorder : IControllerInstrumentation
{
    private readonly TaskCompletionSource<string> first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Describes the process at the first reconcile; set before the host starts.</summary>
    public Func<string> Observe { get; set; } = () => string.Empty;

    /// <summary>What <see cref="Observe"/> returned when the first reconcile began.</summary>
    public Task<string> First => first.Task;

    public IReconciler Instrument(string controller, IReconciler reconciler) => new Recording(this, reconciler);

    public IWorkQueueMetrics QueueMetrics(string controller) => NullWorkQueueMetrics.Instance;

    private sealed class Recording(FirstReconcileRecorder recorder, IReconciler inner) : IReconciler
    {
        public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            if (!recorder.first.Task.IsCompleted)
            {
                recorder.first.TrySetResult(recorder.Observe());
            }

            return inner.ReconcileAsync(key, cancellationToken);
        }
    }
}
