namespace HyperVIsolation.Operator.PolicyAudit;

/// <summary>The audit results a policy status pass reports, and when the audit is due again.</summary>
/// <param name="Results">By policy name, the last audit of each Audit-mode policy.</param>
/// <param name="NextAuditIn">How long until the next audit is due; <see langword="null"/> when no policy audits or it failed.</param>
/// <param name="Failure">Why this pass's audit failed (the results are the previous audit's), or <see langword="null"/>.</param>
internal sealed record PolicyAuditPass(IReadOnlyDictionary<string, PolicyAuditResult> Results, TimeSpan? NextAuditIn, string? Failure = null);
