using HyperVIsolation.ControllerRuntime.Controllers;
using HyperVIsolation.ControllerRuntime.Queue;

namespace HyperVIsolation.ControllerRuntime.Hosting;

/// <summary>Runs reconcilers as they are and reports queue activity nowhere.</summary>
internal sealed class NoControllerInstrumentation : IControllerInstrumentation
{
    /// <inheritdoc/>
    public IReconciler Instrument(string controller, IReconciler reconciler) => reconciler;

    /// <inheritdoc/>
    public IWorkQueueMetrics QueueMetrics(string controller) => NullWorkQueueMetrics.Instance;
}
