using HyperVIsolation.Api.V1Alpha1;

namespace HyperVIsolation.Operator.PolicyAudit;

/// <summary>What one audit found for one Audit-mode policy.</summary>
/// <param name="Violations">Every violation, one per pod and rule.</param>
/// <param name="Recent">The violations of the newest violating pods, at most <see cref="IsolationPolicyStatus.MaxRecentViolations"/>.</param>
internal sealed record PolicyAuditResult(int Violations, IReadOnlyList<PolicyViolation> Recent)
{
    /// <summary>Nothing found.</summary>
    public static PolicyAuditResult Clean { get; } = new(0, []);
}
