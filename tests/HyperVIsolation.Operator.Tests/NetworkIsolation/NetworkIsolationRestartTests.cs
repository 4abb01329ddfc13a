using HyperVIsolation.Operator.NetworkIsolation;
using HyperVIsolation.Operator.Tests.Integration;
using static HyperVIsolation.Operator.Tests.NetworkIsolation.NetworkIsolationInputs;

namespace HyperVIsolation.Operator.Tests.NetworkIsolation;

/// <summary>An operator that starts against a cluster whose NetworkPolicies and statuses are current.</summary>
public sealed class NetworkIsolationRestartTests
{
    [Fact]
    public async Task RestartedOperator_EverythingCurrent_WritesNothing()
    {
        await using var cluster = await NetworkIsolationCluster.StartAsync();
        await cluster.CreateNamespaceAsync("restart-a", "restart");
        await cluster.CreateNamespaceAsync("restart-b", "restart");
        await cluster.CreatePolicyAsync(Policy("restart", tenant: "restart", allowIngressFrom: Labels("role", "monitoring")));
        await cluster.CreatePolicyAsync(Policy("restart-audit", tenant: "restart", mode: Api.V1Alpha1.PolicyMode.Audit));
        var (first, _) = await cluster.StartOperatorAsync("first");
        await cluster.WaitForNetworkPoliciesAsync("restart-b", NetworkPolicyNames.BlockInstanceMetadata, NetworkPolicyNames.DenyCrossNamespace);
        await cluster.WaitForReadyAsync("restart");
        await cluster.WaitForReadyAsync("restart-audit", reason: PolicyConditionReasons.AuditOnly);
        await cluster.StopOperatorAsync(first);

        ReconcileCounter? reconciles = null;
        var (second, requests) = await cluster.StartOperatorAsync("second", host => reconciles = new ReconcileCounter(host, NetworkIsolationController.Name));
        using var counter = reconciles!;
        await Poll.UntilAsync(() => Task.FromResult(counter.Count), count => count > 0, "the restarted operator reconciled");
        await Task.Delay(TimeSpan.FromSeconds(1));

        requests.Writes.Where(write => !write.Contains("/events", StringComparison.Ordinal))
            .Should().BeEmpty("NetworkPolicies and statuses are current, so a pass changes nothing");
        requests.Writes.Should().BeEmpty("nothing happened that an Event should record");
        second.Should().NotBeNull();
    }
}
