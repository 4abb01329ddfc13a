using HyperVIsolation.Api;
using HyperVIsolation.SimulatedNodes.Agent;
using HyperVIsolation.SimulatedNodes.Tests.Integration;
using k8s;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Tests.Agent;

/// <summary>The agent advertises its node's Hyper-V VMs only while the node is verified, and the scheduler honours the count.</summary>
public sealed class NodeAgentCapacityTests
{
    [Fact]
    public async Task Agent_VerifiedDatacenterNode_AdvertisesVmsFromMemory()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("dc", "10.0.26100"));
        var node = cluster.Cluster.Nodes[0];

        await using var agents = await AgentTestSupport.StartAgentsAsync(cluster);

        // 16 GiB: (16384 MiB - 2048 MiB reserve) / 512 MiB.
        await AgentTestSupport.WaitUntilAsync(async () => await VmsAsync(cluster.Client, node.Name) == "28", "the verified node advertises its VMs");
        var status = (await cluster.Client.CoreV1.ReadNodeAsync(node.Name)).Status;
        status.Allocatable[WellKnownResources.HyperVVm].ToString().Should().Be("28");
        status.Allocatable["memory"].ToString().Should().Be("16Gi", "the rest of the status is untouched");
    }

    [Fact]
    public async Task Agent_NodeStopsBeingReady_WithdrawsTheVmsAndAdvertisesThemAgain()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("std", "10.0.20348") with { Edition = "Standard" });
        var node = cluster.Cluster.Nodes[0];
        await using var agents = await AgentTestSupport.StartAgentsAsync(cluster);
        await AgentTestSupport.WaitUntilAsync(async () => await VmsAsync(cluster.Client, node.Name) == "2", "a Standard licence covers two Hyper-V containers");

        node.Faults.RestartContainerd(TimeSpan.FromSeconds(3));

        await AgentTestSupport.WaitUntilAsync(async () => await VmsAsync(cluster.Client, node.Name) is null, "a node that cannot start pods advertises no VMs");
        (await cluster.Client.CoreV1.ReadNodeAsync(node.Name)).Status.Allocatable.Should().NotContainKey(WellKnownResources.HyperVVm);
        await AgentTestSupport.WaitUntilAsync(async () => await VmsAsync(cluster.Client, node.Name) == "2", "advertised again once containerd answers");
    }

    [Fact]
    public async Task Agent_HostWithoutHyperV_NeverAdvertisesVms()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("nohv", "10.0.20348") with { HyperVEnabled = false });
        var node = cluster.Cluster.Nodes[0];
        await using var agents = await AgentTestSupport.StartAgentsAsync(cluster);

        await AgentTestSupport.WaitUntilAsync(() => AgentTestSupport.HasEventAsync(cluster.Client, node.Name, "HyperVMissing"), "the agent looked at the node");

        (await VmsAsync(cluster.Client, node.Name)).Should().BeNull();
    }

    [Fact]
    public async Task Scheduler_StandardNode_ThirdHyperVPodStaysPendingForWantOfAVm()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("std", "10.0.20348") with { Edition = "Standard" });
        var node = cluster.Cluster.Nodes[0];
        await cluster.Client.NodeV1.CreateRuntimeClassAsync(TestPods.HyperVRuntimeClass());
        await using var agents = await AgentTestSupport.StartAgentsAsync(cluster);
        await AgentTestSupport.WaitUntilAsync(async () => await VmsAsync(cluster.Client, node.Name) == "2", "the agent advertised the node's two VMs");

        foreach (var name in new[] { "vm-1", "vm-2", "vm-3" })
        {
            await cluster.CreatePodAsync(VmPod(name));
        }

        await cluster.WaitForPodAsync("vm-1", p => p.Spec.NodeName == node.Name, "bound");
        await cluster.WaitForPodAsync("vm-2", p => p.Spec.NodeName == node.Name, "bound");
        var pending = await cluster.WaitForPodAsync("vm-3", p => p.Status?.Conditions?.Any(c => c.Type == "PodScheduled" && c.Status == "False") == true, "was marked unschedulable");
        var condition = pending.Status.Conditions.Single(c => c.Type == "PodScheduled");
        condition.Reason.Should().Be("Unschedulable");
        condition.Message.Should().Be("0/1 nodes are available: 1 Insufficient isolation.hyperv.dev/vm.");
        pending.Spec.NodeName.Should().BeNull();
    }

    private static V1Pod VmPod(string name)
    {
        var pod = TestPods.Pod(name, image: "mcr.microsoft.com/windows/nanoserver:ltsc2022");
        var one = new Dictionary<string, ResourceQuantity> { [WellKnownResources.HyperVVm] = new("1") };
        pod.Spec.Containers[0].Resources = new V1ResourceRequirements { Requests = one, Limits = new Dictionary<string, ResourceQuantity>(one) };
        return pod;
    }

    private static async Task<string?> VmsAsync(Kubernetes client, string node) =>
        (await client.CoreV1.ReadNodeAsync(node)).Status.Capacity?.TryGetValue(WellKnownResources.HyperVVm, out var value) == true ? value.ToString() : null;
}
