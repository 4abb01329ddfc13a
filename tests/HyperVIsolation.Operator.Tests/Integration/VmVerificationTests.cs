using HyperVIsolation.Api;

namespace HyperVIsolation.Operator.Tests.Integration;

/// <summary>The operator, the simulated nodes and their real node agents: a VM that is not the one the workload asked for stalls the workload.</summary>
public sealed class VmVerificationTests
{
    [Fact]
    public async Task PodsBootedWithoutTheirAnnotations_AgentReportsTheMismatch_WorkloadStalledWithVmSizeMismatch()
    {
        // A node someone labelled ready by hand, whose containerd drops the VM annotations, and no agent yet:
        // the pods boot at hcsshim's default 1024 MB.
        var careless = OperatorCluster.Group("careless", "ltsc2022") with { HandlerAllowListConfigured = false };
        await using var cluster = await OperatorCluster.StartAsync(startAgents: false, careless);
        await cluster.StartOperatorAsync("operator-0");
        await cluster.CreateNamespaceAsync("misfit");
        await cluster.CreateWorkloadAsync(TestWorkloads.NanoServer("misfit", "web", replicas: 1, memoryLimit: "3Gi"));
        await Poll.UntilAsync(
            () => cluster.PodsAsync("misfit", "web"),
            pods => pods.Count == 1 && pods[0].Status?.Phase == "Running",
            "the pod runs in a default-sized VM");

        await cluster.StartAgentsAsync();

        var stalled = await cluster.WaitForStalledAsync("misfit", "web", VmVerification.ReasonSizeMismatch);
        var condition = OperatorCluster.Condition(stalled, "Stalled")!;
        condition.Message.Should().Contain("has 1024 MB, the pod asked for").And.Contain("pod_annotations allow-list");
        OperatorCluster.Condition(stalled, "Ready")!.Status.Should().Be("False");
        stalled.Status!.ReadyReplicas.Should().Be(0, "the readiness gate keeps the misfit pod out of service");
    }
}
