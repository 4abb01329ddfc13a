using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Placement;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;
using HyperVIsolation.Operator.Validation;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>Maps the failures of validation, OS selection and sizing to <c>Stalled</c> reasons.</summary>
internal static class PlanFailureClassifier
{
    /// <summary>
    /// The reason of the first validation error (the validator reports in a fixed order), all
    /// messages joined. Errors that only a covering policy causes are policy violations, or
    /// <see cref="PlanFailureReason.VmSizeExceedsCap"/> for a VM cap; everything else is an invalid spec.
    /// </summary>
    public static WorkloadPlanResult FromValidation(
        IReadOnlyList<ValidationError> errors, UtilityVmOverrides? overrides, EffectiveVmSizePolicy? policy)
    {
        var capFailures = VmSizeCaps.CheckOverrides(overrides, policy);
        var first = errors[0];
        var capFailure = capFailures.FirstOrDefault(failure => failure.Field == first.Field && failure.Message == first.Message);
        var reason = capFailure is not null
            ? FromSizing(capFailure.Reason)
            : first.Field == "spec.isolation" ? PlanFailureReason.PolicyViolation : PlanFailureReason.InvalidSpec;
        return WorkloadPlanResult.Fail(reason, Join(errors.Select(error => error.Message)));
    }

    /// <summary>The reason of an OS selection failure.</summary>
    public static PlanFailureReason FromSelection(OsSelectionFailureReason reason) => reason switch
    {
        OsSelectionFailureReason.NoCompatibleNodes => PlanFailureReason.NoCompatibleNodes,
        OsSelectionFailureReason.ImageBuildMismatch => PlanFailureReason.ImageBuildMismatch,
        _ => PlanFailureReason.InvalidSpec,
    };

    /// <summary>The reason of a sizing failure.</summary>
    public static PlanFailureReason FromSizing(VmSizingFailureReason reason) => reason switch
    {
        VmSizingFailureReason.VmSizeExceedsCap => PlanFailureReason.VmSizeExceedsCap,
        VmSizingFailureReason.OvercommitDisablingNotAllowed => PlanFailureReason.PolicyViolation,
        _ => PlanFailureReason.InvalidSpec,
    };

    /// <summary>Sentences joined with a space.</summary>
    public static string Join(IEnumerable<string> messages) => string.Join(" ", messages);
}
