using HyperVIsolation.ControllerRuntime.Controllers;
using HyperVIsolation.ControllerRuntime.Queue;

namespace HyperVIsolation.ControllerRuntime.Hosting;

/// <summary>
/// How a process observes its controllers (traces, metrics, log scopes): the host wraps every reconciler and
/// gives every queue its metrics through this seam, so no controller has to remember.
/// </summary>
public interface IControllerInstrumentation
{
    /// <summary>The reconciler the controller named <paramref name="controller"/> runs, wrapping <paramref name="reconciler"/>.</summary>
    IReconciler Instrument(string controller, IReconciler reconciler);

    /// <summary>Where the queue of the controller named <paramref name="controller"/> reports.</summary>
    IWorkQueueMetrics QueueMetrics(string controller);
}
