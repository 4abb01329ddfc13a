using k8s;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Tests.Integration;

public sealed class KubeletStatusWriteTests
{
    [Fact]
    public async Task HyperVPod_RunningAndUnchanged_StatusWrittenOncePerStateAndNotAgain()
    {
        await using var fixture = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("win22", "ltsc2022"));
        await fixture.Client.NodeV1.CreateRuntimeClassAsync(TestPods.HyperVRuntimeClass());
        fixture.Server.Requests.Enabled = true;

        await fixture.CreatePodAsync(TestPods.Pod("quiet", image: "mcr.microsoft.com/windows/nanoserver:ltsc2022"));
        var running = await fixture.WaitForPodAsync("quiet", p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true, "became Ready");
        var writesToReady = StatusWrites(fixture);

        // Two full kubelet resyncs (1 s in the fixture) and many node heartbeats pass without any change to the pod.
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        StatusWrites(fixture).Should().Be(writesToReady, "a resync that renders the same status writes nothing");
        writesToReady.Should().BeInRange(1, 3, "ContainerCreating while the VM boots, then Running, plus at most one retry after a conflict");
        (await fixture.Client.CoreV1.ReadNamespacedPodAsync("quiet", "default")).Metadata.ResourceVersion.Should().Be(running.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Pod_DeletedGracefully_KubeletStopsItAndItIsGone()
    {
        await using var fixture = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("win22", "ltsc2022"));
        await fixture.Client.NodeV1.CreateRuntimeClassAsync(TestPods.HyperVRuntimeClass());
        await fixture.CreatePodAsync(TestPods.Pod("leaving", image: "mcr.microsoft.com/windows/nanoserver:ltsc2022"));
        await fixture.WaitForPodAsync("leaving", p => p.Status?.Phase == "Running", "ran");
        var node = fixture.Cluster["win22-0"];
        node.Runtime.ListSandboxes(null).Should().ContainSingle();

        await fixture.Client.CoreV1.DeleteNamespacedPodAsync("leaving", "default", body: new V1DeleteOptions { GracePeriodSeconds = 30 });

        await WaitUntilAsync(async () => (await fixture.Client.CoreV1.ListNamespacedPodAsync("default")).Items.Count == 0);
        node.Runtime.ListSandboxes(null).Should().BeEmpty("the kubelet tore the sandbox down before deleting the pod");
    }

    private static long StatusWrites(SimulatedClusterFixture fixture) =>
        fixture.Server.Requests.Snapshot().Where(e => e.Key.Verb == "update" && e.Key.Resource == "pods/status").Sum(e => e.Value);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200 && !await condition(); i++)
        {
            await Task.Delay(50);
        }

        (await condition()).Should().BeTrue("the kubelet should have got there");
    }
}
