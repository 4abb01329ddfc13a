using System.Diagnostics;
using HyperVIsolation.ControllerRuntime.Controllers;
using HyperVIsolation.ControllerRuntime.Queue;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Observability;

/// <summary>
/// Wraps every reconciler the host runs, so none has to remember: one trace span per reconcile, a logging
/// scope with the workload's namespace, name and trace id (every log line of the reconcile carries them),
/// and the reconcile count, duration and error metrics. Exceptions pass through to the controller, which retries.
/// </summary>
/// <param name="inner">The reconciler doing the work.</param>
/// <param name="controller">The controller name, the <c>controller</c> tag.</param>
/// <param name="telemetry">The instruments.</param>
/// <param name="logger">The logger whose scope the reconcile runs in.</param>
internal sealed class InstrumentedReconciler(IReconciler inner, string controller, OperatorTelemetry telemetry, ILogger logger) : IReconciler
{
    /// <inheritdoc/>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        using var activity = telemetry.ActivitySource.StartActivity("reconcile " + controller, ActivityKind.Internal);
        activity?.SetTag("controller", controller);
        activity?.SetTag("workload.namespace", key.Namespace);
        activity?.SetTag("workload.name", key.Name);
        using var scope = logger.BeginScope(new ReconcileLogScope(controller, key, activity?.TraceId.ToHexString()));
        var started = Stopwatch.GetTimestamp();
        var result = "error";
        try
        {
            var outcome = await inner.ReconcileAsync(key, cancellationToken);
            result = ResultTag(outcome.Outcome);
            activity?.SetStatus(outcome.Outcome == ReconcileOutcome.Failed ? ActivityStatusCode.Error : ActivityStatusCode.Ok, outcome.Reason);
            return outcome;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result = "cancelled";
            throw;
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
        finally
        {
            Record(result, Stopwatch.GetElapsedTime(started));
            activity?.SetTag("result", result);
        }
    }

    private void Record(string result, TimeSpan duration)
    {
        var controllerTag = new KeyValuePair<string, object?>("controller", controller);
        var resultTag = new KeyValuePair<string, object?>("result", result);
        telemetry.ReconcileTotal.Add(1, controllerTag, resultTag);
        telemetry.ReconcileDuration.Record(duration.TotalSeconds, controllerTag, resultTag);
        if (result is "failed" or "error")
        {
            telemetry.ReconcileErrors.Add(1, controllerTag, resultTag);
        }
    }

    private static string ResultTag(ReconcileOutcome outcome) => outcome switch
    {
        ReconcileOutcome.Done => "done",
        ReconcileOutcome.RequeueAfter => "requeue_after",
        _ => "failed",
    };
}
