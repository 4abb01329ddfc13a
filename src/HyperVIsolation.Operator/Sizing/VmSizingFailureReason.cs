namespace HyperVIsolation.Operator.Sizing;

/// <summary>Why a VM could not be sized; stable names for conditions, events and admission responses.</summary>
public enum VmSizingFailureReason
{
    /// <summary>A VM value is above a cap of a covering IsolationPolicy.</summary>
    VmSizeExceedsCap,

    /// <summary>The workload turns memory overcommit off, which a covering policy does not allow.</summary>
    OvercommitDisablingNotAllowed,

    /// <summary>A container's cpu or memory amount cannot size a VM (for example it is negative).</summary>
    InvalidResources,
}
