using HyperVIsolation.ControllerRuntime.Queue;

namespace HyperVIsolation.ControllerRuntime.Controllers;

/// <summary>
/// Brings one object to its desired state. Called with a key, never an object: implementations read
/// current state (from the caches) and must be idempotent, since the same key can be reconciled any
/// number of times. A key is never reconciled by two workers at once.
/// </summary>
public interface IReconciler
{
    /// <summary>Reconciles the object named by <paramref name="key"/>.</summary>
    /// <param name="key">The object.</param>
    /// <param name="cancellationToken">Cancelled when leadership is lost or the controller stops.</param>
    /// <returns>What to do next with the key.</returns>
    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken);
}
