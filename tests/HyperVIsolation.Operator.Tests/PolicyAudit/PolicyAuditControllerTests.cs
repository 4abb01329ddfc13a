using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Admission.Rules;
using HyperVIsolation.Operator.NetworkIsolation;
using HyperVIsolation.Operator.Tests.Integration;
using HyperVIsolation.Operator.Tests.NetworkIsolation;
using k8s;
using k8s.Models;
using static HyperVIsolation.Operator.Tests.NetworkIsolation.NetworkIsolationInputs;

namespace HyperVIsolation.Operator.Tests.PolicyAudit;

/// <summary>An Audit-mode policy's status counts the violations of existing pods, through the local API server.</summary>
public sealed class PolicyAuditControllerTests(NetworkIsolationClusterFixture fixture) : IClassFixture<NetworkIsolationClusterFixture>
{
    private NetworkIsolationCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task AuditPolicy_PodPredatingIt_CountedListedAndClearedWhenThePodGoes()
    {
        await Cluster.CreateNamespaceAsync("audit-a", "audit");
        await Cluster.Client.CoreV1.CreateNamespacedPodAsync(HostNetworkPod("escaped"), "audit-a");

        await Cluster.CreatePolicyAsync(Policy("audit", tenant: "audit", mode: PolicyMode.Audit));

        var found = await Poll.UntilAsync(() => Cluster.GetPolicyAsync("audit"), policy => policy.Status?.AuditViolations > 0, "the audit counts the pod's violations");
        found.Status!.RecentViolations.Should().Contain(violation => violation.Namespace == "audit-a" && violation.Pod == "escaped" && violation.Rule == RuleIds.HostNetwork);
        found.Status.RecentViolations!.Should().OnlyContain(violation => violation.Pod == "escaped" && violation.Message.StartsWith("spec.", StringComparison.Ordinal) || violation.Message.StartsWith("metadata.", StringComparison.Ordinal));
        found.Status.Conditions.Should().ContainSingle().Which.Message.Should().Contain($"The last audit found {found.Status.AuditViolations} violation(s)");
        await Poll.UntilAsync(() => Cluster.EventsAsync("audit"), list => list.Any(e => e.Reason == NetworkIsolationEventReasons.AuditViolations && e.Type == "Warning" && e.Message.Contains("audit-a/escaped", StringComparison.Ordinal)), "a Warning Event says what the audit found");

        await Cluster.Client.CoreV1.DeleteNamespacedPodAsync("escaped", "audit-a", new V1DeleteOptions { GracePeriodSeconds = 0 });

        var clean = await Poll.UntilAsync(() => Cluster.GetPolicyAsync("audit"), policy => policy.Status?.AuditViolations == 0, "the next audit finds nothing");
        clean.Status!.RecentViolations.Should().BeNull();
        await Poll.UntilAsync(() => Cluster.EventsAsync("audit"), list => list.Any(e => e.Reason == NetworkIsolationEventReasons.AuditClean), "an Event says the violations are gone");
    }

    [Fact]
    public async Task AuditPolicy_SwitchedToEnforce_AuditFieldsRemoved()
    {
        await Cluster.CreateNamespaceAsync("audit-switch-a", "audit-switch");
        await Cluster.Client.CoreV1.CreateNamespacedPodAsync(HostNetworkPod("old"), "audit-switch-a");
        await Cluster.CreatePolicyAsync(Policy("audit-switch", tenant: "audit-switch", mode: PolicyMode.Audit));
        await Poll.UntilAsync(() => Cluster.GetPolicyAsync("audit-switch"), policy => policy.Status?.AuditViolations > 0, "the audit counts the pod");

        await Cluster.PatchPolicyAsync("audit-switch", """{"spec":{"mode":"Enforce"}}""");

        var enforced = await Cluster.WaitForReadyAsync("audit-switch", reason: PolicyConditionReasons.NetworkPoliciesInPlace);
        enforced.Status!.AuditViolations.Should().BeNull("Enforce mode refuses violating pods at admission instead of counting them");
        enforced.Status.RecentViolations.Should().BeNull();
    }

    [Fact]
    public async Task EnforcePolicy_ExistingViolatingPod_NoPodListing()
    {
        await Cluster.CreateNamespaceAsync("enforce-a", "enforce-audit");
        await Cluster.Client.CoreV1.CreateNamespacedPodAsync(HostNetworkPod("old"), "enforce-a");

        await Cluster.CreatePolicyAsync(Policy("enforce-audit", tenant: "enforce-audit"));

        var ready = await Cluster.WaitForReadyAsync("enforce-audit", reason: PolicyConditionReasons.NetworkPoliciesInPlace);
        ready.Status!.AuditViolations.Should().BeNull();
        fixture.Requests.Reads.Should().NotContain(read => read.Contains("/namespaces/enforce-a/pods", StringComparison.Ordinal), "only Audit-mode policies list pods");
    }

    private static V1Pod HostNetworkPod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec
        {
            HostNetwork = true,
            Containers = [new V1Container { Name = "app", Image = "mcr.microsoft.com/windows/nanoserver:ltsc2022" }],
        },
    };
}
