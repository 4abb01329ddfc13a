using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.PolicyAudit;
using HyperVIsolation.Operator.Reconciliation;
using HyperVIsolation.Operator.Validation;
using k8s.Models;

namespace HyperVIsolation.Operator.NetworkIsolation;

/// <summary>
/// An IsolationPolicy's status after a pass, following kstatus: Ready always, Reconciling or Stalled only when
/// True. Ready's message names the NetworkPolicies in place and never claims they are enforced: that is up to
/// the network plugin. Pure.
/// </summary>
internal static class PolicyStatusCalculator
{
    /// <summary>Which plugins enforce NetworkPolicy on Windows nodes; repeated wherever the status mentions NetworkPolicies.</summary>
    public const string EnforcementNote =
        "NetworkPolicies take effect only where the cluster's network plugin enforces them on Windows nodes (Calico, Antrea, Cilium; Azure CNI with its network policy manager).";

    /// <summary>
    /// The status of <paramref name="policy"/> given the pass's plan, the NetworkPolicies that could not be written and,
    /// for an Audit-mode policy, its last audit (<see langword="null"/> in Enforce mode or before the first audit).
    /// </summary>
    public static IsolationPolicyStatus Compute(
        IsolationPolicy policy, NetworkIsolationPlan plan, IReadOnlyList<NetworkPolicyProblem> problems, PolicyAuditResult? audit, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(problems);
        var generation = policy.Metadata.Generation;
        var covered = plan.Coverage.GetValueOrDefault(policy.Metadata.Name) ?? [];
        var own = problems.Where(problem => Owns(plan, policy, problem)).ToList();
        var transitions = new ConditionTransitions(policy.Status?.Conditions, now, generation);
        var conditions = new List<V1Condition>(2);
        var errors = IsolationPolicyValidator.Validate(policy.Spec ?? new IsolationPolicySpec());
        if (errors.Count > 0)
        {
            var message = string.Join(" ", errors.Select(error => $"{error.Field}: {error.Message}"));
            conditions.Add(transitions.Create(WorkloadConditions.Ready, false, PolicyConditionReasons.InvalidSpec, message));
            conditions.Add(transitions.Create(WorkloadConditions.Stalled, true, PolicyConditionReasons.InvalidSpec, message));
        }
        else if (own.FirstOrDefault(problem => problem.NameTaken) is { } taken)
        {
            var message = $"NetworkPolicy {taken.Namespace}/{taken.Name} exists without the label {WellKnownLabels.ManagedBy}={WellKnownLabels.ManagedByValue}; "
                + $"the operator never changes it. Delete or rename it ({own.Count(problem => problem.NameTaken)} such object(s)).";
            conditions.Add(transitions.Create(WorkloadConditions.Ready, false, PolicyConditionReasons.NameTaken, message));
            conditions.Add(transitions.Create(WorkloadConditions.Stalled, true, PolicyConditionReasons.NameTaken, message));
        }
        else if (own.Count > 0)
        {
            var failedIn = own.Select(problem => problem.Namespace).Distinct(StringComparer.Ordinal).Count();
            var message = $"Writing NetworkPolicies failed in {failedIn} namespace(s); retrying.";
            conditions.Add(transitions.Create(WorkloadConditions.Ready, false, PolicyConditionReasons.Applying, message));
            conditions.Add(transitions.Create(WorkloadConditions.Reconciling, true, PolicyConditionReasons.Applying, message));
        }
        else
        {
            var (reason, message) = ReadyText(policy, covered.Count);
            if (audit is not null)
            {
                message += $" The last audit found {audit.Violations} violation(s) in existing pods.";
            }

            conditions.Add(transitions.Create(WorkloadConditions.Ready, true, reason, message));
        }

        return new IsolationPolicyStatus
        {
            ObservedGeneration = generation,
            CoveredNamespaces = covered.Count,
            CoveredNamespaceNames = covered.Count == 0 ? null : [.. covered.Take(IsolationPolicyStatus.MaxListedNamespaces)],
            AuditViolations = audit?.Violations,
            RecentViolations = audit is { Recent.Count: > 0 } ? [.. audit.Recent] : null,
            Conditions = conditions,
        };
    }

    private static (string Reason, string Message) ReadyText(IsolationPolicy policy, int covered)
    {
        var spec = policy.Spec ?? new IsolationPolicySpec();
        var rules = new List<string>(2);
        if (spec.DenyCrossNamespaceTraffic)
        {
            rules.Add(NetworkPolicyNames.DenyCrossNamespace);
        }

        if (spec.BlockInstanceMetadata)
        {
            rules.Add(NetworkPolicyNames.BlockInstanceMetadata);
        }

        if (rules.Count == 0)
        {
            return (PolicyConditionReasons.NoNetworkRules, $"Covers {covered} namespace(s); no network rule is asked for.");
        }

        if (spec.Mode == PolicyMode.Audit)
        {
            return (PolicyConditionReasons.AuditOnly, $"Covers {covered} namespace(s); Audit mode writes no NetworkPolicy (switch to Enforce for {string.Join(" and ", rules)}).");
        }

        return (PolicyConditionReasons.NetworkPoliciesInPlace, $"NetworkPolicies {string.Join(" and ", rules)} are in place in {covered} namespace(s). {EnforcementNote}");
    }

    private static bool Owns(NetworkIsolationPlan plan, IsolationPolicy policy, NetworkPolicyProblem problem) =>
        plan.DesiredIn(problem.Namespace).Any(desired =>
            desired.Metadata.Name == problem.Name
            && desired.Metadata.OwnerReferences.Any(owner => owner.Uid == policy.Metadata.Uid));
}
