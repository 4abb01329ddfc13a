using HyperVIsolation.Api.Schema;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>
/// Cluster-wide rules for the namespaces it covers: VM size caps and defaults, allowed registries,
/// and what untrusted pods may never do.
/// </summary>
[KubernetesEntity(Group = ApiGroup.Group, ApiVersion = ApiGroup.Version, Kind = KindName, PluralName = Plural)]
[CustomResource(Scope = ResourceScope.Cluster, ShortNames = ["ipol"], Categories = ["isolation"])]
[PrinterColumn("Mode", "string", ".spec.mode")]
[PrinterColumn("Namespaces", "integer", ".status.coveredNamespaces", Description = "Namespaces covered now")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", Description = "Whether the policy's NetworkPolicies are in place")]
[PrinterColumn("Violations", "integer", ".status.auditViolations", Description = "Audit mode: rule violations of existing pods at the last audit", Priority = 1)]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class IsolationPolicy : IKubernetesObject<V1ObjectMeta>, ISpec<IsolationPolicySpec>, IStatus<IsolationPolicyStatus?>
{
    /// <summary>The kind name.</summary>
    public const string KindName = "IsolationPolicy";

    /// <summary>The plural resource name.</summary>
    public const string Plural = "isolationpolicies";

    /// <summary>APIVersion defines the versioned schema of this representation of an object.</summary>
    public string ApiVersion { get; set; } = ApiGroup.ApiVersion;

    /// <summary>Kind is a string value representing the REST resource this object represents.</summary>
    public string Kind { get; set; } = KindName;

    /// <summary>Standard object metadata.</summary>
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>Desired rules.</summary>
    public IsolationPolicySpec Spec { get; set; } = new();

    /// <summary>Observed state, written by the operator.</summary>
    public IsolationPolicyStatus? Status { get; set; }
}
