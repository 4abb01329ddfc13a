using System.ComponentModel.DataAnnotations;
using k8s.Models;

namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>Observed state of an IsolationPolicy.</summary>
public sealed class IsolationPolicyStatus
{
    /// <summary>The most covered namespace names the status lists; coveredNamespaces still counts them all.</summary>
    public const int MaxListedNamespaces = 20;

    /// <summary>The most violations the status lists; auditViolations still counts them all.</summary>
    public const int MaxRecentViolations = 10;

    /// <summary>The spec generation this status describes.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Namespaces the policy covers now (terminating ones excepted).</summary>
    public int? CoveredNamespaces { get; set; }

    /// <summary>The first covered namespaces by name, at most 20; coveredNamespaces says how many there are in all.</summary>
    [MaxLength(MaxListedNamespaces)]
    public List<string>? CoveredNamespaceNames { get; set; }

    /// <summary>
    /// Audit mode only: how many rule violations the last audit of the covered namespaces' existing pods found (one per
    /// pod and rule). Unset in Enforce mode, where the webhook refuses violating pods instead.
    /// </summary>
    public int? AuditViolations { get; set; }

    /// <summary>Audit mode only: the violations of the newest violating pods, at most 10; auditViolations counts them all.</summary>
    [MaxLength(MaxRecentViolations)]
    public List<PolicyViolation>? RecentViolations { get; set; }

    /// <summary>
    /// Ready (always present), Reconciling and Stalled (present only when True), following kstatus. Ready says
    /// which NetworkPolicies are in place, not that the network plugin enforces them.
    /// </summary>
    public List<V1Condition>? Conditions { get; set; }
}
