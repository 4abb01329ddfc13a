using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using k8s.Models;

namespace HyperVIsolation.Operator.NetworkIsolation;

/// <summary>
/// Renders the two NetworkPolicies of a covered namespace, each selecting every pod in it, labelled as the
/// operator's and owned by the policies asking for it (the garbage collector removes it once they are all gone).
/// Pure.
/// </summary>
internal static class NetworkPolicyRenderer
{
    private const string ApiVersion = "networking.k8s.io/v1";
    private const string Kind = "NetworkPolicy";

    /// <summary>Ingress only from pods of the namespace itself and of the namespaces <paramref name="admitted"/> matches.</summary>
    public static V1NetworkPolicy DenyCrossNamespace(string namespaceName, V1LabelSelector? admitted, IReadOnlyList<IsolationPolicy> owners)
    {
        var peers = new List<V1NetworkPolicyPeer> { new() { PodSelector = new V1LabelSelector() } };
        if (admitted is not null)
        {
            peers.Add(new V1NetworkPolicyPeer { NamespaceSelector = admitted });
        }

        return New(NetworkPolicyNames.DenyCrossNamespace, namespaceName, owners, new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector(),
            PolicyTypes = ["Ingress"],
            Ingress = [new V1NetworkPolicyIngressRule { FromProperty = peers }],
        });
    }

    /// <summary>
    /// Egress to every address but the instance metadata endpoint, to every pod in the cluster (plugins need not
    /// apply ipBlock to pod addresses), and DNS anywhere: on Google Cloud the metadata address is also the resolver.
    /// IPv6 egress stays open, so dual-stack pods lose nothing but the IPv4 endpoint.
    /// </summary>
    public static V1NetworkPolicy BlockInstanceMetadata(string namespaceName, IReadOnlyList<IsolationPolicy> owners) =>
        New(NetworkPolicyNames.BlockInstanceMetadata, namespaceName, owners, new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector(),
            PolicyTypes = ["Egress"],
            Egress =
            [
                new V1NetworkPolicyEgressRule
                {
                    To =
                    [
                        new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "0.0.0.0/0", Except = [NetworkPolicyNames.InstanceMetadataCidr] } },
                        new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "::/0" } },
                        new V1NetworkPolicyPeer { NamespaceSelector = new V1LabelSelector() },
                    ],
                },
                new V1NetworkPolicyEgressRule
                {
                    Ports = [new V1NetworkPolicyPort { Protocol = "UDP", Port = 53 }, new V1NetworkPolicyPort { Protocol = "TCP", Port = 53 }],
                },
            ],
        });

    private static V1NetworkPolicy New(string name, string namespaceName, IReadOnlyList<IsolationPolicy> owners, V1NetworkPolicySpec spec) => new()
    {
        ApiVersion = ApiVersion,
        Kind = Kind,
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = namespaceName,
            Labels = new Dictionary<string, string> { [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue },
            OwnerReferences = [.. owners.OrderBy(policy => policy.Metadata.Name, StringComparer.Ordinal).Select(OwnerReferenceTo)],
        },
        Spec = spec,
    };

    // Not a controller reference (several policies can own one object) and no blockOwnerDeletion, which would
    // need update rights on isolationpolicies/finalizers for nothing: the operator never waits for these.
    private static V1OwnerReference OwnerReferenceTo(IsolationPolicy policy) => new()
    {
        ApiVersion = ApiGroup.ApiVersion,
        Kind = IsolationPolicy.KindName,
        Name = policy.Metadata.Name,
        Uid = policy.Metadata.Uid,
    };
}
