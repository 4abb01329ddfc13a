using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Placement;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;
using HyperVIsolation.Operator.Validation;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Plans a workload's pods: validate the spec against the covering policies, select the OS, check
/// the resolved images against the policies, size the utility VM, choose the RuntimeClass and hash
/// the result. Only <see cref="PolicyMode.Enforce"/> policies decide; Audit policies are for warnings
/// the caller may emit. Process isolation gets no VM, no RuntimeClass and no hardening annotation,
/// since there is no utility VM to size or harden. Pure: same inputs, same plan.
/// </summary>
public static class WorkloadPlanner
{
    /// <summary>The plan for <paramref name="workload"/>, or the first stage's failure.</summary>
    /// <param name="workload">The workload.</param>
    /// <param name="nodes">The cluster's nodes as placement sees them.</param>
    /// <param name="coveringPolicies">The IsolationPolicies whose namespace selector matches the workload's namespace.</param>
    /// <param name="runtimeClassesInUse">RuntimeClasses the workload's current pods use, to keep them where they run.</param>
    /// <param name="options">Reconciler settings.</param>
    public static WorkloadPlanResult Plan(
        IsolatedWorkload workload,
        IReadOnlyList<NodeBuildInfo> nodes,
        IReadOnlyList<IsolationPolicy> coveringPolicies,
        IReadOnlyCollection<string>? runtimeClassesInUse,
        ReconciliationOptions options)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(coveringPolicies);
        ArgumentNullException.ThrowIfNull(options);

        var spec = workload.Spec ?? new IsolatedWorkloadSpec();
        var enforced = coveringPolicies.Where(policy => (policy.Spec?.Mode ?? PolicyMode.Enforce) == PolicyMode.Enforce).ToList();
        var vmPolicy = EffectiveVmSizePolicy.Combine(enforced);
        var errors = IsolatedWorkloadValidator.Validate(spec, enforced);
        if (errors.Count > 0)
        {
            return PlanFailureClassifier.FromValidation(errors, spec.Vm, vmPolicy);
        }

        var selection = OsSelector.Select(spec, nodes);
        if (!selection.IsSuccess)
        {
            return WorkloadPlanResult.Fail(PlanFailureClassifier.FromSelection(selection.Failure.Reason), selection.Failure.Message);
        }

        var os = selection.Decision;
        var imageProblems = ImagePolicyRules.FindViolations(os.ContainerImages, enforced);
        if (imageProblems.Count > 0)
        {
            return WorkloadPlanResult.Fail(PlanFailureReason.PolicyViolation, PlanFailureClassifier.Join(imageProblems));
        }

        return os.Isolation == IsolationMode.HyperV
            ? PlanHyperV(spec, os, vmPolicy, enforced, runtimeClassesInUse, options)
            : Success(spec.Template, os, vm: null, runtimeClass: null, disableUnsafeOperations: false, options);
    }

    private static WorkloadPlanResult PlanHyperV(
        IsolatedWorkloadSpec spec,
        OsDecision os,
        EffectiveVmSizePolicy? vmPolicy,
        IReadOnlyList<IsolationPolicy> enforced,
        IReadOnlyCollection<string>? runtimeClassesInUse,
        ReconciliationOptions options)
    {
        var sizer = new VmSizer(options.Footprints);
        var sizing = sizer.Size(ContainerResourceRequirements.FromWorkload(spec.Template.Containers), os.Flavor, spec.Vm, vmPolicy);
        if (!sizing.IsSuccess)
        {
            return WorkloadPlanResult.Fail(
                PlanFailureClassifier.FromSizing(sizing.Failures[0].Reason),
                PlanFailureClassifier.Join(sizing.Failures.Select(failure => failure.Message)));
        }

        var runtimeClass = RuntimeClassSelector.Choose(os, runtimeClassesInUse);
        var disableUnsafe = enforced.Any(policy => policy.Spec?.DisableUnsafeOperations ?? true);
        return Success(spec.Template, os, sizing.Sizing, runtimeClass, disableUnsafe, options);
    }

    private static WorkloadPlanResult Success(
        WorkloadTemplate template, OsDecision os, VmSizing? vm, RuntimeClassChoice? runtimeClass, bool disableUnsafeOperations, ReconciliationOptions options)
    {
        var hash = TemplateHash.Compute(template, os, vm, runtimeClass, disableUnsafeOperations, options.ReadinessGateEnabled);
        return WorkloadPlanResult.Success(new WorkloadPlan(os, vm, runtimeClass, disableUnsafeOperations, options.ReadinessGateEnabled, hash));
    }
}
