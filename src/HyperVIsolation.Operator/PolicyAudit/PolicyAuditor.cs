using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Admission.Rules;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;

namespace HyperVIsolation.Operator.PolicyAudit;

/// <summary>
/// Judges the pods that exist in an Audit-mode policy's namespaces by the rules the webhook applies to a new pod
/// (<see cref="PodIsolationRules"/>), as if the policy alone covered them: what Enforce mode would refuse. This
/// finds the pods that predate the policy or its namespace label, which the webhook never saw under it. Pure.
/// </summary>
internal static class PolicyAuditor
{
    /// <summary>The violations <paramref name="pods"/> (of the namespaces <paramref name="policy"/> covers) commit against it.</summary>
    public static PolicyAuditResult Audit(
        IsolationPolicy policy, IEnumerable<AuditedPod> pods, IReadOnlyList<IsolationRuntimeClass> runtimeClasses, VmSizer sizer)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(runtimeClasses);
        ArgumentNullException.ThrowIfNull(sizer);
        IReadOnlyList<IsolationPolicy> covering = [policy];
        var count = 0;
        var found = new List<(AuditedPod Pod, IReadOnlyList<AdmissionViolation> Violations)>();
        foreach (var pod in pods)
        {
            var input = new PodAdmissionInput(
                AdmissionOperation.Create, pod.Namespace, pod.Pod, OldPod: null, SubResource: null, covering, runtimeClasses, sizer, pod.CreatedByOperator);
            var violations = PodIsolationRules.Evaluate(input);
            if (violations.Count > 0)
            {
                count += violations.Count;
                found.Add((pod, violations));
            }
        }

        // Newest pods first, then by name, so the same pods give the same list on every audit and the status never flaps.
        var recent = found
            .OrderByDescending(entry => entry.Pod.Created ?? DateTime.MinValue)
            .ThenBy(entry => entry.Pod.Namespace, StringComparer.Ordinal)
            .ThenBy(entry => entry.Pod.Name, StringComparer.Ordinal)
            .SelectMany(entry => entry.Violations.Select(violation => new PolicyViolation
            {
                Namespace = entry.Pod.Namespace,
                Pod = entry.Pod.Name,
                Rule = violation.RuleId,
                Message = violation.Message,
            }))
            .Take(IsolationPolicyStatus.MaxRecentViolations)
            .ToList();
        return count == 0 ? PolicyAuditResult.Clean : new PolicyAuditResult(count, recent);
    }
}
