using HyperVIsolation.Api.V1Alpha1;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>Pod condition types the product defines.</summary>
public static class PodConditionTypes
{
    /// <summary>
    /// Set to <c>True</c> by the node agent once it has seen the pod's utility VM with the size the
    /// annotations asked for; used as a readiness gate.
    /// </summary>
    public const string VmVerified = ApiGroup.Group + "/vm-verified";
}
