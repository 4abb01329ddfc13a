using HyperVIsolation.ControllerRuntime.Controllers;
using HyperVIsolation.ControllerRuntime.Queue;

namespace HyperVIsolation.Operator.Tests.Hosting;

/// <summary>Holds the reconcile of <c>default</c> until released, to observe shutdown with a reconcile in flight.</summary>
internal sealed class BlockingReconciler : IReconciler
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Finished { get; private set; }

    public bool WasCancelled { get; private set; }

    public void Release() => _release.TrySetResult();

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        if (key.Name != "default")
        {
            return ReconcileResult.Done;
        }

        Started.TrySetResult();
        await _release.Task.WaitAsync(TimeSpan.FromSeconds(20), CancellationToken.None);
        WasCancelled = cancellationToken.IsCancellationRequested;
        Finished = true;
        return ReconcileResult.Done;
    }
}
