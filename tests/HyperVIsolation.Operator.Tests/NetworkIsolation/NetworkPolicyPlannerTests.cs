using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.NetworkIsolation;
using k8s.Models;
using static HyperVIsolation.Operator.Tests.NetworkIsolation.NetworkIsolationInputs;

namespace HyperVIsolation.Operator.Tests.NetworkIsolation;

public sealed class NetworkPolicyPlannerTests
{
    private const string Deny = NetworkPolicyNames.DenyCrossNamespace;
    private const string Block = NetworkPolicyNames.BlockInstanceMetadata;

    public static TheoryData<string, bool, bool, PolicyMode, string[]> Fields => new()
    {
        { "both rules", true, true, PolicyMode.Enforce, [Block, Deny] },
        { "deny only", true, false, PolicyMode.Enforce, [Deny] },
        { "metadata only (the default)", false, true, PolicyMode.Enforce, [Block] },
        { "neither", false, false, PolicyMode.Enforce, [] },
        { "audit writes nothing", true, true, PolicyMode.Audit, [] },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void Plan_PolicyFields_RendersOneNetworkPolicyPerRequestedRule(string because, bool deny, bool block, PolicyMode mode, string[] expected)
    {
        var plan = NetworkPolicyPlanner.Plan([Policy("p", denyCrossNamespace: deny, blockMetadata: block, mode: mode)], [Namespace("tenant-a")]);

        plan.DesiredIn("tenant-a").Select(networkPolicy => networkPolicy.Metadata.Name).Order(StringComparer.Ordinal).Should().Equal(expected, because);
        plan.Coverage["p"].Should().Equal(["tenant-a"], "coverage does not depend on the mode or the network fields");
    }

    [Fact]
    public void Plan_DenyCrossNamespace_AdmitsSameNamespacePodsAndAllowedNamespacesOnly()
    {
        var policy = Policy("p", blockMetadata: false, allowIngressFrom: Labels("role", "monitoring"));

        var networkPolicy = NetworkPolicyPlanner.Plan([policy], [Namespace("tenant-a")]).DesiredIn("tenant-a").Single();

        networkPolicy.Metadata.Name.Should().Be(Deny);
        networkPolicy.Metadata.NamespaceProperty.Should().Be("tenant-a");
        networkPolicy.Metadata.Labels.Should().Equal(new Dictionary<string, string> { [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue });
        networkPolicy.Spec.PodSelector.Should().BeEquivalentTo(new V1LabelSelector(), "every pod of the namespace is selected");
        networkPolicy.Spec.PolicyTypes.Should().Equal("Ingress");
        networkPolicy.Spec.Egress.Should().BeNull();
        var peers = networkPolicy.Spec.Ingress.Should().ContainSingle().Subject.FromProperty;
        peers.Should().HaveCount(2);
        peers[0].Should().BeEquivalentTo(new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() }, "a podSelector alone means pods of the same namespace");
        peers[1].Should().BeEquivalentTo(new V1NetworkPolicyPeer { NamespaceSelector = Labels("role", "monitoring") });
    }

    [Fact]
    public void Plan_DenyWithoutAllowIngressFrom_AdmitsSameNamespaceOnly()
    {
        var networkPolicy = NetworkPolicyPlanner.Plan([Policy("p", blockMetadata: false)], [Namespace("tenant-a")]).DesiredIn("tenant-a").Single();

        networkPolicy.Spec.Ingress.Single().FromProperty.Should().ContainSingle().Which.Should().BeEquivalentTo(new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() });
    }

    [Fact]
    public void Plan_BlockInstanceMetadata_AllowsAllEgressButMetadataAndKeepsDns()
    {
        var networkPolicy = NetworkPolicyPlanner.Plan([Policy("p", denyCrossNamespace: false)], [Namespace("tenant-a")]).DesiredIn("tenant-a").Single();

        networkPolicy.Metadata.Name.Should().Be(Block);
        networkPolicy.Spec.PolicyTypes.Should().Equal("Egress");
        networkPolicy.Spec.Ingress.Should().BeNull();
        networkPolicy.Spec.Egress.Should().HaveCount(2);
        networkPolicy.Spec.Egress[0].To.Should().BeEquivalentTo(new[]
        {
            new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "0.0.0.0/0", Except = ["169.254.169.254/32"] } },
            new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "::/0" } },
            new V1NetworkPolicyPeer { NamespaceSelector = new V1LabelSelector() },
        });
        networkPolicy.Spec.Egress[0].Ports.Should().BeNull();
        networkPolicy.Spec.Egress[1].To.Should().BeNull("DNS goes to any address, the metadata one included (Google Cloud's resolver)");
        networkPolicy.Spec.Egress[1].Ports.Select(port => $"{port.Protocol}/{port.Port.Value}").Should().Equal("UDP/53", "TCP/53");
    }

    [Fact]
    public void Plan_NamespaceNotMatchedOrTerminating_GetsNothing()
    {
        var plan = NetworkPolicyPlanner.Plan(
            [Policy("p")],
            [Namespace("other", tenant: "trusted"), Namespace("unlabelled", tenant: null), Namespace("going", terminating: true), Namespace("tenant-a")]);

        plan.Desired.Keys.Should().Equal("tenant-a");
        plan.Coverage["p"].Should().Equal("tenant-a");
    }

    [Fact]
    public void Plan_PolicyCoveringEveryNamespace_SkipsTheExcludedOnes()
    {
        var everywhere = Policy("everywhere");
        everywhere.Spec.NamespaceSelector = null;

        var plan = NetworkPolicyPlanner.Plan(
            [everywhere], [Namespace("kube-system", null), Namespace("hyperv-isolation", null), Namespace("tenant-a")], ExcludedNamespaces.For("hyperv-isolation"));

        plan.Desired.Keys.Should().Equal("tenant-a");
        plan.Coverage["everywhere"].Should().Equal("tenant-a");
        ExcludedNamespaces.For("hyperv-isolation").Names.Should().BeEquivalentTo(["kube-system", "kube-node-lease", "hyperv-isolation"]);
    }

    [Fact]
    public void Plan_DeletingPolicy_CoversNothing()
    {
        var policy = Policy("p");
        policy.Metadata.DeletionTimestamp = DateTime.UtcNow;

        var plan = NetworkPolicyPlanner.Plan([policy], [Namespace("tenant-a")]);

        plan.Desired.Should().BeEmpty();
        plan.Coverage.Should().BeEmpty();
    }

    [Fact]
    public void Plan_TwoPoliciesAskingForTheSameRule_OneObjectOwnedByBothSortedByName()
    {
        var plan = NetworkPolicyPlanner.Plan([Policy("zeta"), Policy("alpha")], [Namespace("tenant-a")]);

        var desired = plan.DesiredIn("tenant-a");
        desired.Select(networkPolicy => networkPolicy.Metadata.Name).Should().Equal(Deny, Block);
        desired.Should().OnlyContain(networkPolicy => networkPolicy.Metadata.OwnerReferences.Select(owner => owner.Name).SequenceEqual(new[] { "alpha", "zeta" }));
        desired[0].Metadata.OwnerReferences.Should().OnlyContain(owner =>
            owner.ApiVersion == ApiGroup.ApiVersion && owner.Kind == IsolationPolicy.KindName && owner.Uid == $"uid-{owner.Name}"
            && owner.Controller == null && owner.BlockOwnerDeletion == null);
    }

    [Fact]
    public void Plan_OnlyOnePolicyAsksForARule_OnlyItOwnsThatObject()
    {
        var plan = NetworkPolicyPlanner.Plan([Policy("deny", blockMetadata: false), Policy("block", denyCrossNamespace: false)], [Namespace("tenant-a")]);

        var byName = plan.DesiredIn("tenant-a").ToDictionary(networkPolicy => networkPolicy.Metadata.Name);
        byName[Deny].Metadata.OwnerReferences.Select(owner => owner.Name).Should().Equal("deny");
        byName[Block].Metadata.OwnerReferences.Select(owner => owner.Name).Should().Equal("block");
    }

    [Fact]
    public void Plan_AuditPolicyBesideEnforceOne_OnlyTheEnforcingOneOwns()
    {
        var plan = NetworkPolicyPlanner.Plan([Policy("audit", mode: PolicyMode.Audit), Policy("enforce")], [Namespace("tenant-a")]);

        plan.DesiredIn("tenant-a").Should().OnlyContain(networkPolicy => networkPolicy.Metadata.OwnerReferences.Single().Name == "enforce");
        plan.Coverage["audit"].Should().Equal("tenant-a");
    }

    [Fact]
    public void Plan_TwoDenyingPolicies_AdmitOnlyNamespacesBothAllow()
    {
        var first = Policy("first", blockMetadata: false, allowIngressFrom: Labels("role", "monitoring"));
        var second = Policy("second", blockMetadata: false, allowIngressFrom: new V1LabelSelector { MatchExpressions = [Requirement("zone", "In", "eu")] });

        var peers = NetworkPolicyPlanner.Plan([first, second], [Namespace("tenant-a")]).DesiredIn("tenant-a").Single().Spec.Ingress.Single().FromProperty;

        peers[1].NamespaceSelector.Should().BeEquivalentTo(new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["role"] = "monitoring" },
            MatchExpressions = [Requirement("zone", "In", "eu")],
        });
    }

    [Fact]
    public void Plan_OneDenyingPolicyAdmitsNoOtherNamespace_NoneAdmitted()
    {
        var admitting = Policy("admitting", blockMetadata: false, allowIngressFrom: Labels("role", "monitoring"));
        var strict = Policy("strict", blockMetadata: false);

        var peers = NetworkPolicyPlanner.Plan([admitting, strict], [Namespace("tenant-a")]).DesiredIn("tenant-a").Single().Spec.Ingress.Single().FromProperty;

        peers.Should().ContainSingle("the stricter policy admits no other namespace, and restrictions add up");
    }

    [Fact]
    public void Plan_InvalidAllowIngressFrom_AdmitsNoOtherNamespace()
    {
        var policy = Policy("p", blockMetadata: false, allowIngressFrom: new V1LabelSelector());

        var peers = NetworkPolicyPlanner.Plan([policy], [Namespace("tenant-a")]).DesiredIn("tenant-a").Single().Spec.Ingress.Single().FromProperty;

        peers.Should().ContainSingle("an empty selector would admit every namespace: fail closed");
    }

    [Fact]
    public void Plan_SameInputsInAnyOrder_SameResult()
    {
        var policies = new[] { Policy("b", allowIngressFrom: Labels("x", "1")), Policy("a", allowIngressFrom: Labels("y", "2")) };
        var namespaces = new[] { Namespace("n2"), Namespace("n1") };

        var once = NetworkPolicyPlanner.Plan(policies, namespaces);
        var reversed = NetworkPolicyPlanner.Plan([.. policies.Reverse()], [.. namespaces.Reverse()]);

        k8s.KubernetesJson.Serialize(reversed.Desired.OrderBy(entry => entry.Key).ToList())
            .Should().Be(k8s.KubernetesJson.Serialize(once.Desired.OrderBy(entry => entry.Key).ToList()));
    }
}
