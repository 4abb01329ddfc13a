namespace HyperVIsolation.Api;

/// <summary>
/// The pod condition through which the node agent reports whether a pod's utility VM is the VM its annotations
/// asked for, and which the operator reads back (readiness gate and workload status): one definition for both.
/// </summary>
public static class VmVerification
{
    /// <summary>
    /// The pod condition type, <c>True</c> once the node agent has seen the pod's utility VM with the size the
    /// annotations asked for; the operator adds it as a readiness gate.
    /// </summary>
    public const string ConditionType = V1Alpha1.ApiGroup.Group + "/vm-verified";

    /// <summary>Reason of a <c>True</c> condition.</summary>
    public const string ReasonVerified = "VmVerified";

    /// <summary>
    /// Reason of a <c>False</c> condition whose VM differs from the annotations (usually booted at hcsshim's default
    /// size because containerd's allow-list dropped them); also the workload's <c>Stalled</c> reason.
    /// </summary>
    public const string ReasonSizeMismatch = "VmSizeMismatch";

    /// <summary>Reason of a <c>False</c> condition while the pod's sandbox or utility VM cannot be found yet.</summary>
    public const string ReasonNotFound = "VmNotFound";
}
