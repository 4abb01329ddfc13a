using HyperVIsolation.Operator.Placement;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>Everything the reconciler decided for a workload's pods, before rendering them.</summary>
/// <param name="Os">The OS selection: flavor, release, images, compatible host builds.</param>
/// <param name="Vm">The utility VM size; <see langword="null"/> for process isolation, which has no VM.</param>
/// <param name="RuntimeClass">The Hyper-V RuntimeClass; <see langword="null"/> for process isolation (the default handler).</param>
/// <param name="DisableUnsafeOperations">Whether pods get <c>io.microsoft.disable-unsafe-operations: "true"</c>.</param>
/// <param name="ReadinessGateEnabled">Whether pods carry the VM-verified readiness gate.</param>
/// <param name="TemplateHash">The hash of all of the above and the template (see <see cref="Reconciliation.TemplateHash"/>).</param>
public sealed record WorkloadPlan(
    OsDecision Os,
    VmSizing? Vm,
    RuntimeClassChoice? RuntimeClass,
    bool DisableUnsafeOperations,
    bool ReadinessGateEnabled,
    string TemplateHash);
