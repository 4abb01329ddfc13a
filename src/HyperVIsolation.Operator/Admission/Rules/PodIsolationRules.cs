using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Admission.Pods;

namespace HyperVIsolation.Operator.Admission.Rules;

/// <summary>
/// Every rule that keeps a pod in an enforced namespace inside its Hyper-V utility VM. Each
/// covering policy is evaluated on its own, so a violation names the policy and carries its
/// mode: Enforce violations deny, Audit ones become warnings. A rule broken under several
/// policies is reported once, preferring an enforcing policy. Pure.
/// </summary>
internal static class PodIsolationRules
{
    /// <summary>Every violation, in field order per policy; empty when the pod is allowed.</summary>
    public static IReadOnlyList<AdmissionViolation> Evaluate(PodAdmissionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.CoveringPolicies.Count == 0 || input.Operation is not (AdmissionOperation.Create or AdmissionOperation.Update))
        {
            return [];
        }

        // UPDATEs compare with the stored pod; only CREATE needs the annotations the mutator writes.
        var isUpdate = input.Operation == AdmissionOperation.Update && input.OldPod is not null;
        var sizing = new PodVmSizing(input.Pod, input.Sizer);
        var expected = isUpdate ? null : ExpectedFor(input, sizing);
        var containers = PodContainer.AllOf(input.Pod.Spec);
        List<AdmissionViolation>? all = null;
        for (var index = 0; index < input.CoveringPolicies.Count; index++)
        {
            var violations = new ViolationCollector(input.CoveringPolicies[index], input.Namespace);
            if (isUpdate)
            {
                PodUpdateRules.Evaluate(input.OldPod!, input.Pod, violations);
            }
            else
            {
                HostAccessRules.Evaluate(input.Pod, containers, violations);
                RuntimeIsolationRules.Evaluate(input, violations);
                ImageRules.Evaluate(containers, violations);
                VmAnnotationRules.EvaluateSize(sizing, input.TrustedCreator, violations);
                VmAnnotationRules.EvaluateAnnotations(input.Pod, expected!, violations);
            }

            if (violations.Violations.Count > 0)
            {
                (all ??= []).AddRange(violations.Violations);
            }
        }

        return all is null ? [] : Deduplicate(all);
    }

    private static ExpectedPodAnnotations ExpectedFor(PodAdmissionInput input, PodVmSizing sizing) => input.TrustedCreator
        ? ExpectedPodAnnotations.ForTrustedCreator(sizing, input.CoveringPolicies)
        : ExpectedPodAnnotations.For(sizing, input.CoveringPolicies);

    private static List<AdmissionViolation> Deduplicate(List<AdmissionViolation> violations) => violations.Count < 2
        ? violations
        : violations
            .GroupBy(violation => (violation.Field, violation.RuleId))
            .Select(group => group.FirstOrDefault(violation => violation.Mode == PolicyMode.Enforce) ?? group.First())
            .ToList();
}
