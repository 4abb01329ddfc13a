using HyperVIsolation.Api;
using HyperVIsolation.SimulatedNodes.Pool;
using k8s;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Tests.Integration;

public sealed class SchedulingAndNodeTests
{
    [Fact]
    public async Task StartAsync_Pool_RegistersWindowsNodesWithLeases()
    {
        await using var fixture = await SimulatedClusterFixture.StartAsync(
            SimulatedClusterFixture.Group("win22", "ltsc2022", count: 2) with { ExtendedResources = new Dictionary<string, string> { ["example.com/gpu"] = "2" } });

        var node = await fixture.Client.CoreV1.ReadNodeAsync("win22-1");

        node.Metadata.Labels.Should().Contain(WellKnownLabels.Os, "windows").And.Contain(WellKnownLabels.WindowsBuild, "10.0.20348")
            .And.Contain(WellKnownLabels.Hostname, "win22-1").And.Contain(WellKnownLabels.Arch, "amd64");
        node.Status.NodeInfo.OsImage.Should().Be("Windows Server 2022 Datacenter");
        node.Status.NodeInfo.KernelVersion.Should().StartWith("10.0.20348.");
        node.Status.NodeInfo.ContainerRuntimeVersion.Should().Be("containerd://2.0.4");
        node.Status.Allocatable["example.com/gpu"].ToDecimal().Should().Be(2);
        node.Status.Conditions.Should().Contain(c => c.Type == "Ready" && c.Status == "True");
        var lease = await WaitForAsync(() => fixture.Client.CoordinationV1.ReadNamespacedLeaseAsync("win22-1", "kube-node-lease"), l => l.Spec.RenewTime is not null);
        lease.Spec.HolderIdentity.Should().Be("win22-1");
    }

    [Fact]
    public async Task Unreachable_NodeFault_ReadyUnknownAndLeaseStops()
    {
        await using var fixture = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("win22", "ltsc2022"));
        await WaitForAsync(() => fixture.Client.CoordinationV1.ReadNamespacedLeaseAsync("win22-0", "kube-node-lease"), l => l.Spec.RenewTime is not null);

        fixture.Cluster["win22-0"].Faults.SetReadiness(NodeReadinessFault.Unreachable);

        var node = await WaitForAsync(() => fixture.Client.CoreV1.ReadNodeAsync("win22-0"), n => n.Status.Conditions.Any(c => c.Type == "Ready" && c.Status == "Unknown"));
        node.Status.Conditions.Single(c => c.Type == "Ready").Reason.Should().Be("NodeStatusUnknown");
        await fixture.CreatePodAsync(TestPods.Pod("stranded", runtimeClass: null));
        var pod = await fixture.WaitForPodAsync("stranded", p => p.Status?.Conditions?.Any(c => c.Type == "PodScheduled" && c.Status == "False") == true, "was marked unschedulable");
        pod.Status.Conditions.Single(c => c.Type == "PodScheduled").Message.Should()
            .Be("0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }.");
    }

    [Fact]
    public async Task Scheduler_TaintedAndMismatchedNodes_UnschedulableWithConditionAndEvent()
    {
        await using var fixture = await SimulatedClusterFixture.StartAsync(
            SimulatedClusterFixture.Group("tainted", "ltsc2022", count: 2) with { Taints = [new NodeTaintConfig { Key = "os", Value = "windows" }] },
            SimulatedClusterFixture.Group("win19", "ltsc2019"));
        var pod = TestPods.Pod("picky", runtimeClass: null);
        pod.Spec.NodeSelector = new Dictionary<string, string> { [WellKnownLabels.WindowsBuild] = "10.0.20348" };
        await fixture.CreatePodAsync(pod);

        var pending = await fixture.WaitForPodAsync("picky", p => p.Status?.Conditions?.Any(c => c.Type == "PodScheduled" && c.Status == "False") == true, "was marked unschedulable");

        var condition = pending.Status.Conditions.Single(c => c.Type == "PodScheduled");
        condition.Reason.Should().Be("Unschedulable");
        condition.Message.Should().Be("0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 node(s) had untolerated taint {os: windows}.");
        var events = await WaitForAsync(
            () => fixture.Client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "involvedObject.name=picky"),
            list => list.Items.Any(e => e.Reason == "FailedScheduling"));
        events.Items.First(e => e.Reason == "FailedScheduling").Message.Should().Be(condition.Message);
    }

    [Fact]
    public async Task Scheduler_TolerationAdded_PodBindsOnceRetried()
    {
        await using var fixture = await SimulatedClusterFixture.StartAsync(
            SimulatedClusterFixture.Group("tainted", "ltsc2022") with { Taints = [new NodeTaintConfig { Key = "os", Value = "windows" }] });
        await fixture.CreatePodAsync(TestPods.Pod("blocked", image: "mcr.microsoft.com/windows/nanoserver:ltsc2022", runtimeClass: null));
        await fixture.WaitForPodAsync("blocked", p => p.Status?.Conditions?.Any(c => c.Type == "PodScheduled" && c.Status == "False") == true, "was marked unschedulable");

        // A class carrying the toleration: the same pod spec with it now fits.
        await fixture.Client.NodeV1.CreateRuntimeClassAsync(TestPods.HyperVRuntimeClass());
        await fixture.CreatePodAsync(TestPods.Pod("tolerated", image: "mcr.microsoft.com/windows/nanoserver:ltsc2022"));

        var bound = await fixture.WaitForPodAsync("tolerated", p => p.Status?.Phase == "Running", "ran");
        bound.Spec.NodeName.Should().Be("tainted-0");
    }

    [Fact]
    public async Task Scheduler_OverheadFromRuntimeClass_FillsNodeSooner()
    {
        // 16Gi nodes: pods asking 6Gi fit twice, but with 3Gi overhead (9Gi each) only once per node.
        await using var fixture = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("win22", "ltsc2022"));
        await fixture.Client.NodeV1.CreateRuntimeClassAsync(TestPods.HyperVRuntimeClass(new Dictionary<string, ResourceQuantity> { ["memory"] = new("3Gi") }));
        await fixture.CreatePodAsync(TestPods.Pod("first", memory: "6Gi"));
        await fixture.WaitForPodAsync("first", p => !string.IsNullOrEmpty(p.Spec.NodeName), "was bound");

        await fixture.CreatePodAsync(TestPods.Pod("second", memory: "6Gi"));

        var pending = await fixture.WaitForPodAsync("second", p => p.Status?.Conditions?.Any(c => c.Type == "PodScheduled" && c.Status == "False") == true, "was marked unschedulable");
        pending.Status.Conditions.Single(c => c.Type == "PodScheduled").Message.Should().Be("0/1 nodes are available: 1 Insufficient memory.");
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                var value = await read();
                if (condition(value))
                {
                    return value;
                }
            }
            catch (k8s.Autorest.HttpOperationException) when (DateTime.UtcNow < deadline)
            {
                // Not there yet.
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the object should reach the expected state in time");
            await Task.Delay(50);
        }
    }
}
