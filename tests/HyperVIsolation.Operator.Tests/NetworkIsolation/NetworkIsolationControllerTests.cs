using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.NetworkIsolation;
using HyperVIsolation.Operator.Tests.Integration;
using k8s;
using k8s.Models;
using static HyperVIsolation.Operator.Tests.NetworkIsolation.NetworkIsolationInputs;

namespace HyperVIsolation.Operator.Tests.NetworkIsolation;

/// <summary>The isolationpolicies controller against the local API server.</summary>
public sealed class NetworkIsolationControllerTests(NetworkIsolationClusterFixture fixture) : IClassFixture<NetworkIsolationClusterFixture>
{
    private const string Deny = NetworkPolicyNames.DenyCrossNamespace;
    private const string Block = NetworkPolicyNames.BlockInstanceMetadata;

    private NetworkIsolationCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task CoveredNamespace_PolicyWithBothRules_ExactlyTheExpectedNetworkPolicies()
    {
        await Cluster.CreateNamespaceAsync("exact-a", "exact");
        await Cluster.CreateNamespaceAsync("exact-other", "someone-else");
        var policy = await Cluster.CreatePolicyAsync(Policy("exact", tenant: "exact", allowIngressFrom: Labels("role", "monitoring")));

        var created = await Cluster.WaitForNetworkPoliciesAsync("exact-a", Block, Deny);

        var owner = new { ApiVersion = ApiGroup.ApiVersion, Kind = IsolationPolicy.KindName, Name = "exact", Uid = policy.Metadata.Uid, Controller = (bool?)null, BlockOwnerDeletion = (bool?)null };
        foreach (var networkPolicy in created)
        {
            networkPolicy.Metadata.Labels.Should().Equal(new Dictionary<string, string> { [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue });
            networkPolicy.Metadata.OwnerReferences.Should().ContainSingle().Which.Should().BeEquivalentTo(owner);
            networkPolicy.Spec.PodSelector.Should().BeEquivalentTo(new V1LabelSelector());
        }

        var block = created[0];
        block.Spec.PolicyTypes.Should().Equal("Egress");
        block.Spec.Ingress.Should().BeNull();
        block.Spec.Egress.Should().HaveCount(2);
        block.Spec.Egress[0].To.Should().HaveCount(3);
        block.Spec.Egress[0].To[0].IpBlock.Should().BeEquivalentTo(new V1IPBlock { Cidr = "0.0.0.0/0", Except = ["169.254.169.254/32"] });
        block.Spec.Egress[0].To[1].IpBlock.Should().BeEquivalentTo(new V1IPBlock { Cidr = "::/0" });
        block.Spec.Egress[0].To[2].Should().BeEquivalentTo(new V1NetworkPolicyPeer { NamespaceSelector = new V1LabelSelector() });
        block.Spec.Egress[1].To.Should().BeNull();
        block.Spec.Egress[1].Ports.Select(port => $"{port.Protocol}/{port.Port.Value}").Should().Equal("UDP/53", "TCP/53");

        var deny = created[1];
        deny.Spec.PolicyTypes.Should().Equal("Ingress");
        deny.Spec.Egress.Should().BeNull();
        deny.Spec.Ingress.Should().ContainSingle().Which.FromProperty.Should().BeEquivalentTo(new[]
        {
            new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() },
            new V1NetworkPolicyPeer { NamespaceSelector = Labels("role", "monitoring") },
        });
        (await Cluster.NetworkPoliciesAsync("exact-other")).Should().BeEmpty("a namespace the policy does not cover gets nothing");

        var status = (await Cluster.WaitForReadyAsync("exact", reason: PolicyConditionReasons.NetworkPoliciesInPlace)).Status!;
        status.CoveredNamespaces.Should().Be(1);
        status.CoveredNamespaceNames.Should().Equal("exact-a");
        status.Conditions.Should().ContainSingle().Which.Message.Should().Contain(PolicyStatusCalculator.EnforcementNote);
        var events = await Poll.UntilAsync(
            () => Cluster.EventsAsync("exact"),
            list => list.Count(e => e.Reason == NetworkIsolationEventReasons.Created) == 2,
            "both creations are recorded as Events on the policy");
        events.Select(e => e.Message).Should().Contain($"Created NetworkPolicy exact-a/{Deny}").And.Contain($"Created NetworkPolicy exact-a/{Block}");
    }

    [Fact]
    public async Task FieldsTurnedOff_EachRemovesItsNetworkPolicy()
    {
        await Cluster.CreateNamespaceAsync("off-a", "off");
        await Cluster.CreatePolicyAsync(Policy("off", tenant: "off"));
        await Cluster.WaitForNetworkPoliciesAsync("off-a", Block, Deny);

        await Cluster.PatchPolicyAsync("off", """{"spec":{"denyCrossNamespaceTraffic":false}}""");
        await Cluster.WaitForNetworkPoliciesAsync("off-a", Block);
        await Cluster.PatchPolicyAsync("off", """{"spec":{"blockInstanceMetadata":false}}""");
        await Cluster.WaitForNetworkPoliciesAsync("off-a");

        await Cluster.WaitForReadyAsync("off", reason: PolicyConditionReasons.NoNetworkRules);
        await Poll.UntilAsync(() => Cluster.EventsAsync("off"), list => list.Count(e => e.Reason == NetworkIsolationEventReasons.Deleted) == 2, "both removals are recorded as Events");
    }

    [Fact]
    public async Task NamespaceUnlabelled_NetworkPoliciesRemovedAndCoverageDrops()
    {
        await Cluster.CreateNamespaceAsync("unlabel-a", "unlabel");
        await Cluster.CreateNamespaceAsync("unlabel-b", "unlabel");
        await Cluster.CreatePolicyAsync(Policy("unlabel", tenant: "unlabel"));
        await Cluster.WaitForNetworkPoliciesAsync("unlabel-a", Block, Deny);

        await Cluster.Client.CoreV1.PatchNamespaceAsync(new V1Patch("""{"metadata":{"labels":{"tenant":null}}}""", V1Patch.PatchType.MergePatch), "unlabel-a");

        await Cluster.WaitForNetworkPoliciesAsync("unlabel-a");
        (await Cluster.NetworkPoliciesAsync("unlabel-b")).Should().HaveCount(2);
        await Poll.UntilAsync(() => Cluster.GetPolicyAsync("unlabel"), policy => policy.Status?.CoveredNamespaces == 1, "the status counts one covered namespace");
    }

    [Fact]
    public async Task PolicyDeleted_NetworkPoliciesRemoved()
    {
        await Cluster.CreateNamespaceAsync("deleted-a", "deleted");
        await Cluster.CreatePolicyAsync(Policy("deleted", tenant: "deleted"));
        await Cluster.WaitForNetworkPoliciesAsync("deleted-a", Block, Deny);

        await Cluster.DeletePolicyAsync("deleted");

        await Cluster.WaitForNetworkPoliciesAsync("deleted-a");
    }

    [Fact]
    public async Task SomeoneElsesNetworkPolicies_NeverTouched()
    {
        await Cluster.CreateNamespaceAsync("foreign-a", "foreign");
        var squatter = await Cluster.Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Foreign(Deny), "foreign-a");
        var unrelated = await Cluster.Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Foreign("allow-web"), "foreign-a");

        await Cluster.CreatePolicyAsync(Policy("foreign", tenant: "foreign"));

        var stalled = await Cluster.WaitForReadyAsync("foreign", "False", PolicyConditionReasons.NameTaken);
        stalled.Status!.Conditions.Should().Contain(condition => condition.Type == "Stalled" && condition.Status == "True");
        var present = await Cluster.WaitForNetworkPoliciesAsync("foreign-a", "allow-web", Block, Deny);
        present.Single(item => item.Metadata.Name == Block).Metadata.Labels.Should().ContainKey(WellKnownLabels.ManagedBy, "the rule whose name is free is still written");

        await Cluster.DeletePolicyAsync("foreign");
        await Cluster.WaitForNetworkPoliciesAsync("foreign-a", "allow-web", Deny);

        var after = await Cluster.NetworkPoliciesAsync("foreign-a");
        after.Single(item => item.Metadata.Name == Deny).Metadata.ResourceVersion.Should().Be(squatter.Metadata.ResourceVersion);
        after.Single(item => item.Metadata.Name == "allow-web").Metadata.ResourceVersion.Should().Be(unrelated.Metadata.ResourceVersion);
        fixture.Requests.Writes.Should().NotContain(write => write.Contains($"/namespaces/foreign-a/networkpolicies/{Deny}", StringComparison.Ordinal))
            .And.NotContain(write => write.Contains("/namespaces/foreign-a/networkpolicies/allow-web", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoOverlappingPolicies_ConvergeOnOneSetOwnedByBothWithoutFlapping()
    {
        await Cluster.CreateNamespaceAsync("overlap-a", "overlap");
        await Cluster.CreatePolicyAsync(Policy("overlap-first", tenant: "overlap", allowIngressFrom: Labels("role", "monitoring")));
        await Cluster.CreatePolicyAsync(Policy("overlap-second", tenant: "overlap", blockMetadata: false, allowIngressFrom: Labels("zone", "eu")));

        var settled = await Poll.UntilAsync(
            () => Cluster.NetworkPoliciesAsync("overlap-a"),
            list => list.SingleOrDefault(item => item.Metadata.Name == Deny)?.Metadata.OwnerReferences?.Count == 2 && list.Count == 2,
            "the deny rule is owned by both policies");
        await Cluster.WaitForReadyAsync("overlap-first");
        await Cluster.WaitForReadyAsync("overlap-second");

        var deny = settled.Single(item => item.Metadata.Name == Deny);
        deny.Metadata.OwnerReferences.Select(owner => owner.Name).Should().Equal("overlap-first", "overlap-second");
        deny.Spec.Ingress.Single().FromProperty[1].NamespaceSelector.MatchLabels.Should().Equal(new Dictionary<string, string> { ["role"] = "monitoring", ["zone"] = "eu" });
        settled.Single(item => item.Metadata.Name == Block).Metadata.OwnerReferences.Select(owner => owner.Name).Should().Equal("overlap-first");

        // Nothing moves once converged: a metadata-only change to both policies wakes the controller again.
        await Cluster.Client.CoreV1.PatchNamespaceAsync(new V1Patch("""{"metadata":{"labels":{"touched":"yes"}}}""", V1Patch.PatchType.MergePatch), "overlap-a");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var later = await Cluster.NetworkPoliciesAsync("overlap-a");
        later.Select(item => item.Metadata.ResourceVersion).Should().Equal(settled.Select(item => item.Metadata.ResourceVersion));
    }

    private static V1NetworkPolicy Foreign(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["team"] = "web" } },
        Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Ingress"] },
    };
}
