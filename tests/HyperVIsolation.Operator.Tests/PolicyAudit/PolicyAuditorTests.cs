using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Admission.Json;
using HyperVIsolation.Operator.Admission.Rules;
using HyperVIsolation.Operator.PolicyAudit;
using HyperVIsolation.Operator.Tests.Admission;
using HyperVIsolation.Operator.Tests.Admission.Mutation;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.PolicyAudit;

/// <summary>The audit judges stored pods by the webhook's CREATE rules, under the Audit-mode policy alone.</summary>
public sealed class PolicyAuditorTests
{
    private const string Memory = "io.microsoft.virtualmachine.computetopology.memory.sizeinmb";
    private static readonly DateTime Base = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);

    private static IsolationPolicy AuditPolicy { get; } = AdmissionFixtures.Policy(spec => spec.Mode = PolicyMode.Audit);

    [Fact]
    public void Audit_ConformingScheduledPod_NoViolation()
    {
        var pod = Stored(AdmissionFixtures.ConformingPod(AuditPolicy), "app", minutes: 0);
        pod.Spec.NodeName = "win-node-1";

        var result = Audit(pod);

        result.Should().BeSameAs(PolicyAuditResult.Clean, "the scheduler's spec.nodeName is not the tenant naming a node");
    }

    [Fact]
    public void Audit_PodWithHostNetworkAndNoVm_OneViolationPerRuleWordedAsTheWebhookWarns()
    {
        var pod = Stored(AdmissionFixtures.SubmittedPod(), "escaped", minutes: 0);
        pod.Spec.HostNetwork = true;

        var result = Audit(pod);

        var expected = PodIsolationRules.Evaluate(AdmissionFixtures.Input(pod, policies: AuditPolicy));
        expected.Select(violation => violation.RuleId).Should().Contain([RuleIds.HostNetwork, RuleIds.ProcessIsolation]);
        result.Violations.Should().Be(expected.Count);
        result.Recent.Select(violation => (violation.Namespace, violation.Pod, violation.Rule, violation.Message))
            .Should().Equal(expected.Select(violation => (AdmissionFixtures.Tenant, "escaped", violation.RuleId, violation.Message)));
    }

    [Fact]
    public void Audit_ManyViolatingPods_CountsAllListsTheNewestPodsFirstAtMostTen()
    {
        var pods = Enumerable.Range(0, 8).Select(index =>
        {
            var pod = Stored(AdmissionFixtures.ConformingPod(AuditPolicy), $"pod-{index}", minutes: index);
            pod.Spec.HostNetwork = true;
            pod.Spec.HostPID = true;
            return pod;
        }).ToArray();

        var result = Audit(pods);

        result.Violations.Should().Be(16);
        result.Recent.Should().HaveCount(IsolationPolicyStatus.MaxRecentViolations);
        result.Recent.Select(violation => violation.Pod).Distinct().Should().Equal("pod-7", "pod-6", "pod-5", "pod-4", "pod-3");
        Audit([.. pods.Reverse()]).Recent.Should().BeEquivalentTo(result.Recent, options => options.WithStrictOrdering(), "the list does not depend on the listing order");
    }

    [Fact]
    public void Audit_WorkloadPodWithItsOwnVmSize_JudgedAsTheOperatorsWithinTheCap()
    {
        var withinCap = OperatorPod("web-0", memoryMiB: "4096");
        var overCap = OperatorPod("web-1", memoryMiB: "16384");

        var result = Audit(withinCap, overCap);

        result.Violations.Should().Be(1);
        result.Recent.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Pod = "web-1", Rule = RuleIds.VmSize });
    }

    [Fact]
    public void Audit_TenantPodCopyingTheSizeAnnotation_Flagged()
    {
        var pod = OperatorPod("copy", memoryMiB: "4096");
        pod.Metadata.OwnerReferences = null;

        Audit(pod).Violations.Should().BeGreaterThan(0, "without an IsolatedWorkload as controller the annotation is a tenant's, recomputed by the sizer");
    }

    private static V1Pod OperatorPod(string name, string memoryMiB)
    {
        var pod = AdmissionFixtures.SubmittedPod();
        pod.Metadata.Annotations = new Dictionary<string, string> { [Memory] = memoryMiB };
        var mutated = PodMutation.Of(pod, AdmissionFixtures.MutationContext(AuditPolicy) with { TrustedCreator = true }).MutatedPod();
        mutated.Metadata.Annotations[Memory] = memoryMiB;
        mutated.Metadata.Labels[WellKnownLabels.Workload] = "web";
        mutated.Metadata.OwnerReferences =
        [
            new V1OwnerReference { ApiVersion = ApiGroup.ApiVersion, Kind = IsolatedWorkload.KindName, Name = "web", Uid = "uid-web", Controller = true },
        ];
        return Stored(mutated, name, minutes: 0);
    }

    private static V1Pod Stored(V1Pod pod, string name, int minutes)
    {
        pod.Metadata.Name = name;
        pod.Metadata.CreationTimestamp = Base.AddMinutes(minutes);
        return pod;
    }

    private static PolicyAuditResult Audit(params V1Pod[] pods)
    {
        var recurring = new RecurringValues();
        return PolicyAuditor.Audit(AuditPolicy, pods.Select(pod => AuditedPodReader.Read(pod, recurring)), AdmissionFixtures.RuntimeClasses, AdmissionFixtures.Sizer);
    }
}
