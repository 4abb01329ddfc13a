using HyperVIsolation.Api;
using HyperVIsolation.LocalCluster.Text;
using k8s;

namespace HyperVIsolation.LocalCluster.Running;

/// <summary>The demo's table of the NetworkPolicies the operator keeps in the samples' namespaces.</summary>
internal static class NetworkPolicySummary
{
    /// <summary>A heading and one row per operator-managed NetworkPolicy in <paramref name="namespaces"/>, or a line saying there are none.</summary>
    public static async Task<IReadOnlyList<string>> DescribeAsync(IKubernetes client, IEnumerable<string> namespaces, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(namespaces);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var ns in namespaces.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var list = await client.NetworkingV1.ListNamespacedNetworkPolicyAsync(
                ns, labelSelector: $"{WellKnownLabels.ManagedBy}={WellKnownLabels.ManagedByValue}", cancellationToken: cancellationToken);
            rows.AddRange(list.Items.OrderBy(item => item.Metadata.Name, StringComparer.Ordinal).Select(item => (IReadOnlyList<string>)
            [
                ns,
                item.Metadata.Name,
                string.Join(",", item.Spec?.PolicyTypes ?? []),
                string.Join(",", (item.Metadata.OwnerReferences ?? []).Select(owner => owner.Name)),
            ]));
        }

        if (rows.Count == 0)
        {
            return ["No NetworkPolicies: no sample policy asks for network isolation."];
        }

        // The simulated nodes have no network plugin: say what the objects mean rather than imply enforcement.
        return
        [
            "NetworkPolicies the operator keeps (a cluster enforces them only if its network plugin does so on Windows nodes):",
            string.Empty,
            .. TextTable.Align(["NAMESPACE", "NETWORKPOLICY", "TYPES", "ISOLATION POLICIES"], rows),
        ];
    }
}
