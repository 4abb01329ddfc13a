namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>Why a workload cannot be planned; each name is the reason of its <c>Stalled</c> condition.</summary>
public enum PlanFailureReason
{
    /// <summary>The spec contradicts itself or names something that does not exist.</summary>
    InvalidSpec,

    /// <summary>A covering IsolationPolicy forbids what the workload asks for.</summary>
    PolicyViolation,

    /// <summary>No Hyper-V-ready Windows node can run the workload's images.</summary>
    NoCompatibleNodes,

    /// <summary>An image targets a newer Windows build than the selected release or any ready node.</summary>
    ImageBuildMismatch,

    /// <summary>The utility VM would exceed a covering policy's size cap.</summary>
    VmSizeExceedsCap,
}
