using System.Globalization;
using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Placement;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;

namespace HyperVIsolation.Operator.Validation;

/// <summary>
/// Checks an IsolatedWorkload spec for everything the CRD schema cannot (or that the webhook must
/// re-check because it also sees objects the schema did not): policy-dependent rules, cross-field
/// rules and resource amounts. Collects every error, in field order.
/// </summary>
public static class IsolatedWorkloadValidator
{
    private const int MaxReplicas = 1000;

    /// <summary>Every problem with the spec; empty when it is valid.</summary>
    /// <param name="spec">The spec to check.</param>
    /// <param name="coveringPolicies">The IsolationPolicies covering the workload's namespace.</param>
    public static IReadOnlyList<ValidationError> Validate(IsolatedWorkloadSpec spec, IReadOnlyList<IsolationPolicy> coveringPolicies)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(coveringPolicies);

        var errors = new List<ValidationError>();
        ValidateReplicas(spec.Replicas, errors);
        ValidateIsolation(spec.Isolation, coveringPolicies, errors);
        ValidateOs(spec.Os, errors);
        ValidateVm(spec.Vm, coveringPolicies, errors);
        ValidateTemplateAnnotations(spec.Template?.Annotations, errors);
        ContainerValidator.Validate(spec.Template?.Containers, errors);
        RollingUpdateValidator.Validate(spec.Strategy, errors);
        return errors;
    }

    private static void ValidateReplicas(int replicas, List<ValidationError> errors)
    {
        if (replicas is < 0 or > MaxReplicas)
        {
            errors.Add(new ValidationError(
                "spec.replicas",
                string.Create(CultureInfo.InvariantCulture, $"spec.replicas is {replicas}; it must be between 0 and {MaxReplicas}.")));
        }
    }

    /// <summary>Process isolation is a permission: one covering policy that allows it is enough.</summary>
    private static void ValidateIsolation(IsolationMode isolation, IReadOnlyList<IsolationPolicy> policies, List<ValidationError> errors)
    {
        if (isolation == IsolationMode.Process && !policies.Any(policy => policy.Spec?.AllowProcessIsolation == true))
        {
            errors.Add(new ValidationError(
                "spec.isolation",
                "Process isolation shares the host kernel and no IsolationPolicy covering this namespace sets allowProcessIsolation; use HyperV or ask an administrator to allow it."));
        }
    }

    private static void ValidateOs(OsSelection? os, List<ValidationError> errors)
    {
        if (os is null)
        {
            return;
        }

        if (OsSpecRules.NanoServerCapabilityProblem(os) is { } nanoProblem)
        {
            errors.Add(new ValidationError("spec.os.flavor", nanoProblem));
        }

        if (OsSpecRules.ServerVersionProblem(os) is { } serverProblem)
        {
            errors.Add(new ValidationError("spec.os.version", serverProblem));
        }
    }

    private static void ValidateVm(UtilityVmOverrides? vm, IReadOnlyList<IsolationPolicy> policies, List<ValidationError> errors)
    {
        var policy = EffectiveVmSizePolicy.Combine(policies);
        errors.AddRange(VmSizeCaps.CheckOverrides(vm, policy).Select(failure => new ValidationError(failure.Field, failure.Message)));
    }

    private static void ValidateTemplateAnnotations(Dictionary<string, string>? annotations, List<ValidationError> errors)
    {
        foreach (var key in (annotations?.Keys ?? Enumerable.Empty<string>()).Order(StringComparer.Ordinal))
        {
            if (key.StartsWith(HcsAnnotations.MicrosoftPrefix, StringComparison.Ordinal))
            {
                errors.Add(new ValidationError(
                    $"spec.template.annotations[{key}]",
                    $"Annotation '{key}' is reserved: the operator sets io.microsoft. annotations from spec.vm and policy, so remove it and use spec.vm instead."));
            }
        }
    }
}
