using HyperVIsolation.Operator.NetworkIsolation;
using k8s;
using static HyperVIsolation.Operator.Tests.NetworkIsolation.NetworkIsolationInputs;

namespace HyperVIsolation.Operator.Tests.NetworkIsolation;

/// <summary>A policy covering every namespace, in a cluster of its own.</summary>
public sealed class NetworkIsolationExclusionTests
{
    [Fact]
    public async Task PolicyWithoutSelector_SystemAndOperatorNamespacesGetNothing()
    {
        await using var cluster = await NetworkIsolationCluster.StartAsync();
        await cluster.CreateNamespaceAsync("everywhere-a", "any");
        var everywhere = Policy("everywhere");
        everywhere.Spec.NamespaceSelector = null;
        await cluster.CreatePolicyAsync(everywhere);
        await cluster.StartOperatorAsync("exclusions");

        await cluster.WaitForNetworkPoliciesAsync("everywhere-a", NetworkPolicyNames.BlockInstanceMetadata, NetworkPolicyNames.DenyCrossNamespace);
        var policy = await cluster.WaitForReadyAsync("everywhere");

        (await cluster.NetworkPoliciesAsync("kube-system")).Should().BeEmpty("cluster DNS lives there");
        (await cluster.NetworkPoliciesAsync("default")).Should().BeEmpty("the test operator's namespace (its Lease namespace) serves the webhook");
        var namespaces = (await cluster.Client.CoreV1.ListNamespaceAsync()).Items.Select(ns => ns.Metadata.Name).ToList();
        policy.Status!.CoveredNamespaceNames.Should().Contain("everywhere-a").And.NotContain(["kube-system", "kube-node-lease", "default"]);
        policy.Status.CoveredNamespaces.Should().Be(namespaces.Except(["kube-system", "kube-node-lease", "default"]).Count());
    }
}
