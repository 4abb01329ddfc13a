using HyperVIsolation.Api;
using HyperVIsolation.NodeAgent.Hcs;
using HyperVIsolation.NodeAgent.Hcs.Schema;
using HyperVIsolation.SimulatedNodes.Pool;
using k8s;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Tests.Integration;

public sealed class HyperVPodStartupTests
{
    [Fact]
    public async Task HyperVPod_OnCompatibleNodeWithAllowList_RunsInVmOfRequestedSize()
    {
        await using var fixture = await SimulatedClusterFixture.StartAsync(
            SimulatedClusterFixture.Group("win19", "ltsc2019") with { Taints = [new NodeTaintConfig { Key = "os", Value = "windows" }] },
            SimulatedClusterFixture.Group("win22", "ltsc2022"));
        await fixture.Client.NodeV1.CreateRuntimeClassAsync(TestPods.HyperVRuntimeClass(build: "10.0.20348"));
        var pod = TestPods.Pod("sized", image: "mcr.microsoft.com/windows/servercore:ltsc2022");
        pod.Metadata.Annotations[HcsAnnotations.MemorySizeInMb] = "2048";
        pod.Metadata.Annotations[HcsAnnotations.ProcessorCount] = "1";
        await fixture.CreatePodAsync(pod);

        var running = await fixture.WaitForPodAsync("sized", p => p.Status?.Phase == "Running", "ran");

        running.Spec.NodeName.Should().Be("win22-0", "the RuntimeClass selects build 10.0.20348");
        var hcs = fixture.Cluster["win22-0"].Hcs;
        var vms = await hcs.EnumerateComputeSystemsAsync(ComputeSystemQuery.PodUtilityVms, CancellationToken.None);
        var vm = vms.Should().ContainSingle().Subject;
        await using var system = await hcs.OpenComputeSystemAsync(vm.Id, CancellationToken.None);
        var properties = await system.GetPropertiesAsync(PropertyQuery.StatisticsAndMemory, CancellationToken.None);
        properties.Memory!.VirtualMachineMemory!.AssignedMemory.Should().Be(2048UL * 256, "2048 MB in 4 KiB pages");
        hcs.GetSize(vm.Id)!.ProcessorCount.Should().Be(1);
        running.Status.PodIP.Should().StartWith("10.244.");
        running.Status.Conditions.Should().Contain(c => c.Type == "Ready" && c.Status == "True");
        running.Status.ContainerStatuses.Should().ContainSingle().Which.Should().Match<V1ContainerStatus>(s =>
            s.Ready && s.Started == true && s.RestartCount == 0 && s.State.Running != null && s.ImageID.Contains("@sha256:"));
    }

    [Fact]
    public async Task HyperVPod_OnNodeWithoutAllowList_SilentlyGets1024MbVm()
    {
        await using var fixture = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("bare", "ltsc2022", allowList: false));
        await fixture.Client.NodeV1.CreateRuntimeClassAsync(TestPods.HyperVRuntimeClass());
        var pod = TestPods.Pod("unsized");
        pod.Metadata.Annotations[HcsAnnotations.MemorySizeInMb] = "4096";
        await fixture.CreatePodAsync(pod);

        await fixture.WaitForPodAsync("unsized", p => p.Status?.Phase == "Running", "ran");

        var hcs = fixture.Cluster["bare-0"].Hcs;
        var vm = (await hcs.EnumerateComputeSystemsAsync(ComputeSystemQuery.PodUtilityVms, CancellationToken.None)).Should().ContainSingle().Subject;
        hcs.GetSize(vm.Id)!.MemoryMb.Should().Be(1024, "containerd drops annotations its handler does not allow-list");
    }

    [Fact]
    public async Task Ltsc2022Image_On2019Host_ContainerFailsWithBuildMismatch()
    {
        await using var fixture = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("win19", "ltsc2019"));
        await fixture.Client.NodeV1.CreateRuntimeClassAsync(TestPods.HyperVRuntimeClass());
        var pod = TestPods.Pod("mismatch", image: "mcr.microsoft.com/windows/nanoserver:ltsc2022");
        pod.Spec.NodeName = "win19-0";
        await fixture.CreatePodAsync(pod);

        var failed = await fixture.WaitForPodAsync("mismatch", p => p.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason == "RunContainerError", "failed");

        failed.Status.Phase.Should().Be("Pending");
        failed.Status.ContainerStatuses[0].State.Waiting.Message.Should()
            .Contain("hcs::CreateComputeSystem").And.Contain("The container operating system does not match the host operating system.");
    }

    [Fact]
    public async Task DeletedPod_RunningHyperV_VmAndSandboxRemoved()
    {
        await using var fixture = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("win22", "ltsc2022"));
        await fixture.Client.NodeV1.CreateRuntimeClassAsync(TestPods.HyperVRuntimeClass());
        await fixture.CreatePodAsync(TestPods.Pod("doomed"));
        await fixture.WaitForPodAsync("doomed", p => p.Status?.Phase == "Running", "ran");
        var node = fixture.Cluster["win22-0"];
        node.Hcs.ComputeSystemIds.Should().ContainSingle();

        await fixture.Client.CoreV1.DeleteNamespacedPodAsync("doomed", "default");

        await WaitUntilAsync(() => node.Hcs.ComputeSystemIds.Count == 0 && node.Runtime.ListSandboxes(null).Count == 0);
    }

    [Fact]
    public async Task InjectedCrash_RestartPolicyAlways_CrashLoopBackOffThenRunningAgain()
    {
        await using var fixture = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("win22", "ltsc2022"));
        await fixture.CreatePodAsync(TestPods.Pod("crashy", image: "mcr.microsoft.com/windows/nanoserver:ltsc2022", runtimeClass: null));
        await fixture.WaitForPodAsync("crashy", p => p.Status?.Phase == "Running", "ran");

        fixture.Cluster["win22-0"].Faults.FailContainer(new InjectedContainerFailure("default", "crashy", "app", 3));

        var backingOff = await fixture.WaitForPodAsync("crashy", p => p.Status?.ContainerStatuses?[0].State?.Waiting?.Reason == "CrashLoopBackOff", "backed off");
        backingOff.Status.ContainerStatuses[0].RestartCount.Should().Be(1);
        backingOff.Status.ContainerStatuses[0].LastState.Terminated.ExitCode.Should().Be(3);
        await fixture.WaitForPodAsync("crashy", p => p.Status?.ContainerStatuses?[0].State?.Running is not null, "restarted");
    }

    [Fact]
    public async Task InjectedCrash_RestartPolicyNever_PodFailed()
    {
        await using var fixture = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("win22", "ltsc2022"));
        var pod = TestPods.Pod("once", image: "mcr.microsoft.com/windows/nanoserver:ltsc2022", runtimeClass: null);
        pod.Spec.RestartPolicy = "Never";
        await fixture.CreatePodAsync(pod);
        await fixture.WaitForPodAsync("once", p => p.Status?.Phase == "Running", "ran");

        fixture.Cluster["win22-0"].Faults.FailContainer(new InjectedContainerFailure("default", "once", "app", 1));

        var failed = await fixture.WaitForPodAsync("once", p => p.Status?.Phase == "Failed", "failed");
        failed.Status.ContainerStatuses[0].State.Terminated.Reason.Should().Be("Error");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold in time");
            await Task.Delay(50);
        }
    }
}
