namespace HyperVIsolation.ControllerRuntime.Controllers;

/// <summary>What a reconcile asks the controller to do next with its key.</summary>
public enum ReconcileOutcome
{
    /// <summary>The object is where it should be; nothing more until the next change.</summary>
    Done,

    /// <summary>Look again after a fixed delay (polling something the watches do not cover).</summary>
    RequeueAfter,

    /// <summary>The reconcile could not finish; retry with the key's exponential backoff.</summary>
    Failed,
}
