namespace HyperVIsolation.Operator.NetworkIsolation;

/// <summary>
/// The names of the NetworkPolicies the operator keeps in covered namespaces: one per rule, fixed, so
/// however many policies ask for a rule a namespace holds it once and a pass never renames anything.
/// </summary>
public static class NetworkPolicyNames
{
    /// <summary>Ingress only from the namespace itself and the admitted namespaces.</summary>
    public const string DenyCrossNamespace = "hyperv-isolation-deny-cross-namespace";

    /// <summary>Egress anywhere but the cloud instance metadata endpoint.</summary>
    public const string BlockInstanceMetadata = "hyperv-isolation-block-instance-metadata";

    /// <summary>The instance metadata endpoint of Azure, AWS and Google Cloud (IPv4).</summary>
    public const string InstanceMetadataCidr = "169.254.169.254/32";
}
