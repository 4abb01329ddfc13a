using HyperVIsolation.ControllerRuntime.Controllers;
using HyperVIsolation.ControllerRuntime.Hosting;
using HyperVIsolation.ControllerRuntime.Queue;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Observability;

/// <summary>The operator's controllers report to <see cref="OperatorTelemetry"/>: a span, log scope and metrics per reconcile, and queue metrics.</summary>
/// <param name="telemetry">The instruments.</param>
/// <param name="loggers">Creates the logger whose scope each reconcile runs in.</param>
internal sealed class OperatorControllerInstrumentation(OperatorTelemetry telemetry, ILoggerFactory loggers) : IControllerInstrumentation
{
    private readonly ILogger _reconcileLogger = loggers.CreateLogger<InstrumentedReconciler>();

    /// <inheritdoc/>
    public IReconciler Instrument(string controller, IReconciler reconciler) =>
        new InstrumentedReconciler(reconciler, controller, telemetry, _reconcileLogger);

    /// <inheritdoc/>
    public IWorkQueueMetrics QueueMetrics(string controller) => new WorkQueueMetrics(controller, telemetry);
}
