namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>The reasons of the Events the reconcilers emit, defined once (planning failures use their <see cref="PlanFailureReason"/> name).</summary>
internal static class WorkloadEventReasons
{
    /// <summary>A pod was created.</summary>
    public const string SuccessfulCreate = "SuccessfulCreate";

    /// <summary>A pod create call failed.</summary>
    public const string FailedCreate = "FailedCreate";

    /// <summary>A pod was deleted.</summary>
    public const string SuccessfulDelete = "SuccessfulDelete";

    /// <summary>A pod delete call failed.</summary>
    public const string FailedDelete = "FailedDelete";

    /// <summary>An orphan pod with the workload's label was adopted.</summary>
    public const string Adopted = "Adopted";

    /// <summary>A pod that lost the workload's label was released.</summary>
    public const string Released = "Released";

    /// <summary>The workload's RuntimeClass does not exist yet.</summary>
    public const string WaitingForRuntimeClass = "WaitingForRuntimeClass";
}
