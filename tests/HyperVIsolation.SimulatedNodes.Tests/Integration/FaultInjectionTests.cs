using HyperVIsolation.NodeAgent.Hcs;
using k8s;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Tests.Integration;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task FailNextBoot_HyperVPod_SandboxErrorThenRunsOnRetry()
    {
        await using var fixture = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("win22", "ltsc2022"));
        await fixture.Client.NodeV1.CreateRuntimeClassAsync(TestPods.HyperVRuntimeClass());
        fixture.Cluster["win22-0"].Hcs.FailNextBoot(HcsErrorCodes.InvalidState);

        await fixture.CreatePodAsync(TestPods.Pod("unlucky"));

        // The failed sandbox shows in the pod's status only until the retry 500 ms later, which a loaded machine can
        // miss between two polls; the Event stays (it is written in the background, so wait for it).
        await fixture.WaitForPodAsync("unlucky", p => p.Status?.Phase == "Running", "ran after the retry");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        Corev1Event? failure;
        while ((failure = (await fixture.Client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "involvedObject.name=unlucky")).Items
            .FirstOrDefault(e => e.Reason == "FailedCreatePodSandBox")) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        failure.Should().NotBeNull("the first boot failed");
        failure!.Message.Should().StartWith("Failed to create pod sandbox").And.Contain("The virtual machine could not be started.");
    }

    [Fact]
    public async Task HostOutOfMemory_HyperVPod_NotEnoughMemoryAndMemoryPressure()
    {
        await using var fixture = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("win22", "ltsc2022"));
        await fixture.Client.NodeV1.CreateRuntimeClassAsync(TestPods.HyperVRuntimeClass());
        fixture.Cluster["win22-0"].Faults.SetHostOutOfMemory(true);

        await fixture.CreatePodAsync(TestPods.Pod("starved"));

        var pod = await fixture.WaitForPodAsync("starved", p => p.Status?.ContainerStatuses?[0].State?.Waiting?.Message?.Contains("Not enough memory", StringComparison.Ordinal) == true, "failed for memory");
        pod.Status.Phase.Should().Be("Pending");
        var node = await fixture.Client.CoreV1.ReadNodeAsync("win22-0");
        node.Status.Conditions.Should().Contain(c => c.Type == "MemoryPressure" && c.Status == "True");
    }

    [Fact]
    public async Task RestartContainerd_PodWaitsThenRuns()
    {
        await using var fixture = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("win22", "ltsc2022"));
        var node = fixture.Cluster["win22-0"];
        node.Faults.RestartContainerd(TimeSpan.FromSeconds(1.5));

        await fixture.CreatePodAsync(TestPods.Pod("patient", image: "mcr.microsoft.com/windows/nanoserver:ltsc2022", runtimeClass: null));

        await Task.Delay(500);
        var waiting = await fixture.Client.CoreV1.ReadNamespacedPodAsync("patient", "default");
        waiting.Status.ContainerStatuses.Should().BeNullOrEmpty("nothing starts while containerd is down");
        (await fixture.Client.CoreV1.ReadNodeAsync("win22-0")).Status.Conditions.Should().Contain(c => c.Type == "Ready" && c.Status == "False");
        await fixture.WaitForPodAsync("patient", p => p.Status?.Phase == "Running", "ran once containerd was back");
    }
}
