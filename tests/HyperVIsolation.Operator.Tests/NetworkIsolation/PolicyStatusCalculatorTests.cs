using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.NetworkIsolation;
using HyperVIsolation.Operator.PolicyAudit;
using k8s.Models;
using static HyperVIsolation.Operator.Tests.NetworkIsolation.NetworkIsolationInputs;

namespace HyperVIsolation.Operator.Tests.NetworkIsolation;

public sealed class PolicyStatusCalculatorTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string, IsolationPolicy, string> ReadyReasons => new()
    {
        { "rules in place", Policy("p"), PolicyConditionReasons.NetworkPoliciesInPlace },
        { "no rules", Policy("p", denyCrossNamespace: false, blockMetadata: false), PolicyConditionReasons.NoNetworkRules },
        { "audit", Policy("p", mode: PolicyMode.Audit), PolicyConditionReasons.AuditOnly },
    };

    [Theory]
    [MemberData(nameof(ReadyReasons))]
    public void Compute_NothingFailed_ReadyAloneWithReason(string because, IsolationPolicy policy, string reason)
    {
        var status = Compute(policy, []);

        status.Conditions.Should().ContainSingle(because).Which.Should().BeEquivalentTo(
            new { Type = "Ready", Status = "True", Reason = reason, ObservedGeneration = 1L, LastTransitionTime = Now });
        status.ObservedGeneration.Should().Be(1);
    }

    [Fact]
    public void Compute_RulesInPlace_MessageSaysEnforcementDependsOnThePlugin()
    {
        var ready = Compute(Policy("p"), []).Conditions!.Single();

        ready.Message.Should().Contain("in place in 2 namespace(s)").And.Contain(PolicyStatusCalculator.EnforcementNote).And.NotContain("enforced in");
    }

    [Fact]
    public void Compute_CoveredNamespaces_CountsAllListsAtMostTwenty()
    {
        var namespaces = Enumerable.Range(0, 25).Select(index => Namespace($"ns-{index:D2}")).ToList();
        var policy = Policy("p");
        var plan = NetworkPolicyPlanner.Plan([policy], namespaces);

        var status = PolicyStatusCalculator.Compute(policy, plan, [], audit: null, Now);

        status.CoveredNamespaces.Should().Be(25);
        status.CoveredNamespaceNames.Should().Equal(Enumerable.Range(0, 20).Select(index => $"ns-{index:D2}"));
    }

    [Fact]
    public void Compute_AuditResult_CountListAndReadyMessage()
    {
        var policy = Policy("p", mode: PolicyMode.Audit);
        var plan = NetworkPolicyPlanner.Plan([policy], [Namespace("tenant-a")]);
        var violation = new PolicyViolation { Namespace = "tenant-a", Pod = "web", Rule = "host-network", Message = "spec.hostNetwork: ..." };

        var status = PolicyStatusCalculator.Compute(policy, plan, [], new PolicyAuditResult(3, [violation]), Now);

        status.AuditViolations.Should().Be(3);
        status.RecentViolations.Should().ContainSingle().Which.Should().BeSameAs(violation);
        status.Conditions.Should().ContainSingle().Which.Message.Should().EndWith("The last audit found 3 violation(s) in existing pods.");
    }

    [Fact]
    public void Compute_NoAudit_NoAuditFields()
    {
        var status = Compute(Policy("p"), []);

        status.AuditViolations.Should().BeNull();
        status.RecentViolations.Should().BeNull();
        status.Conditions!.Single().Message.Should().NotContain("audit");
    }

    [Fact]
    public void Compute_NameTakenInACoveredNamespace_Stalled()
    {
        var status = Compute(Policy("p"), [new NetworkPolicyProblem("tenant-a", NetworkPolicyNames.DenyCrossNamespace, NameTaken: true)]);

        status.Conditions!.Select(condition => $"{condition.Type}={condition.Status}/{condition.Reason}").Should().Equal(
            $"Ready=False/{PolicyConditionReasons.NameTaken}", $"Stalled=True/{PolicyConditionReasons.NameTaken}");
        status.Conditions![1].Message.Should().Contain("tenant-a/hyperv-isolation-deny-cross-namespace");
    }

    [Fact]
    public void Compute_WriteFailed_Reconciling()
    {
        var status = Compute(Policy("p"), [new NetworkPolicyProblem("tenant-a", NetworkPolicyNames.BlockInstanceMetadata, NameTaken: false)]);

        status.Conditions!.Select(condition => $"{condition.Type}={condition.Status}/{condition.Reason}").Should().Equal(
            $"Ready=False/{PolicyConditionReasons.Applying}", $"Reconciling=True/{PolicyConditionReasons.Applying}");
    }

    [Fact]
    public void Compute_ProblemWithARuleThePolicyDoesNotAskFor_NotItsProblem()
    {
        var status = Compute(Policy("p", denyCrossNamespace: false), [new NetworkPolicyProblem("tenant-a", NetworkPolicyNames.DenyCrossNamespace, NameTaken: true)]);

        status.Conditions.Should().ContainSingle().Which.Status.Should().Be("True");
    }

    [Fact]
    public void Compute_InvalidSpec_Stalled()
    {
        var status = Compute(Policy("p", allowIngressFrom: new V1LabelSelector()), []);

        status.Conditions!.Select(condition => $"{condition.Type}={condition.Status}/{condition.Reason}").Should().Equal(
            $"Ready=False/{PolicyConditionReasons.InvalidSpec}", $"Stalled=True/{PolicyConditionReasons.InvalidSpec}");
        status.Conditions![1].Message.Should().StartWith("spec.allowIngressFrom: An empty selector matches every namespace");
    }

    [Fact]
    public void Compute_UnchangedReadiness_KeepsTransitionTime()
    {
        var policy = Policy("p");
        var earlier = Now.AddHours(-1);
        policy.Status = new IsolationPolicyStatus { Conditions = [new V1Condition { Type = "Ready", Status = "True", LastTransitionTime = earlier }] };

        var status = Compute(policy, []);

        status.Conditions!.Single().LastTransitionTime.Should().Be(earlier);
    }

    private static IsolationPolicyStatus Compute(IsolationPolicy policy, IReadOnlyList<NetworkPolicyProblem> problems) =>
        PolicyStatusCalculator.Compute(policy, NetworkPolicyPlanner.Plan([policy], [Namespace("tenant-a"), Namespace("tenant-b"), Namespace("other", "trusted")]), problems, audit: null, Now);
}
