using k8s.Models;

namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>Observed state of an IsolationPolicy.</summary>
public sealed class IsolationPolicyStatus
{
    /// <summary>The spec generation this status describes.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Namespaces the policy covers now.</summary>
    public int? CoveredNamespaces { get; set; }

    /// <summary>Ready and Stalled conditions.</summary>
    public List<V1Condition>? Conditions { get; set; }
}
