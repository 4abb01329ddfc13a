using HyperVIsolation.ControllerRuntime.Controllers;
using HyperVIsolation.ControllerRuntime.Queue;

namespace HyperVIsolation.Operator.Tests.Hosting;

/// <summary>Holds the reconcile of <c>default</c> until its token is cancelled, and reports that it was.</summary>
internal sealed class CancellationObservingReconciler : IReconciler
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        if (key.Name != "default")
        {
            return ReconcileResult.Done;
        }

        Started.TrySetResult();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            return ReconcileResult.Done;
        }
        catch (OperationCanceledException)
        {
            Cancelled.TrySetResult();
            throw;
        }
    }
}
