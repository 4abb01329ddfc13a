using Grpc.Core;
using HyperVIsolation.Api;
using HyperVIsolation.NodeAgent.Cri;
using HyperVIsolation.NodeAgent.Cri.V1;
using HyperVIsolation.NodeAgent.Hcs;
using HyperVIsolation.NodeAgent.Hcs.Schema;
using HyperVIsolation.SimulatedNodes.Hcs;
using k8s;

namespace HyperVIsolation.SimulatedNodes.Tests.Integration;

// The node agent's real CRI client against a running simulated node's own unix socket.
public sealed class NodeCriSocketTests
{
    [Fact]
    public async Task HyperVPod_OverNodeCriSocket_SandboxContainersAndVmAgree()
    {
        await using var fixture = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("win22", "ltsc2022"));
        await fixture.Client.NodeV1.CreateRuntimeClassAsync(TestPods.HyperVRuntimeClass());
        var pod = TestPods.Pod("served", image: "mcr.microsoft.com/windows/servercore:ltsc2022");
        pod.Metadata.Annotations[HcsAnnotations.MemorySizeInMb] = "2048";
        var created = await fixture.CreatePodAsync(pod);
        await fixture.WaitForPodAsync("served", p => p.Status?.Phase == "Running", "ran");
        var node = fixture.Cluster["win22-0"];
        using var cri = new CriRuntimeClient(node.CriEndpoint);

        var sandbox = (await cri.ListPodSandboxesAsync(null, CancellationToken.None)).Should().ContainSingle().Subject;
        var containers = await cri.ListContainersAsync(new ContainerFilter { PodSandboxId = sandbox.Id }, CancellationToken.None);
        var status = await cri.PodSandboxStatusAsync(sandbox.Id, verbose: false, CancellationToken.None);
        var vms = await node.Hcs.EnumerateComputeSystemsAsync(ComputeSystemQuery.PodUtilityVms, CancellationToken.None);

        sandbox.Metadata.Name.Should().Be("served");
        sandbox.Metadata.Namespace.Should().Be("default");
        sandbox.Metadata.Uid.Should().Be(created.Metadata.Uid);
        sandbox.State.Should().Be(PodSandboxState.SandboxReady);
        sandbox.RuntimeHandler.Should().Be("runhcs-wcow-hypervisor");
        sandbox.Annotations.Should().Contain(HcsAnnotations.MemorySizeInMb, "2048");
        containers.Should().ContainSingle().Which.Should().Match<Container>(c => c.Metadata.Name == "app" && c.State == ContainerState.ContainerRunning);
        status.Status.Id.Should().Be(sandbox.Id);
        status.Status.Metadata.Should().Be(sandbox.Metadata);
        status.Status.State.Should().Be(PodSandboxState.SandboxReady);
        status.Status.RuntimeHandler.Should().Be(sandbox.RuntimeHandler);
        status.Status.Annotations.Should().Equal(sandbox.Annotations);
        status.Status.Network.Ip.Should().Be((await fixture.Client.CoreV1.ReadNamespacedPodAsync("served", "default")).Status.PodIP);
        var vm = vms.Should().ContainSingle().Subject;
        vm.Id.Should().Be(SimulatedHostComputeService.UtilityVmId(sandbox.Id)).And.Be(sandbox.Id + "@vm");
        node.Hcs.GetSize(vm.Id)!.MemoryMb.Should().Be(2048, "the allow-list let the sizing annotation through to the shim");
    }

    [Fact]
    public async Task RestartContainerd_CriUnavailableDuringDowntimeThenSameState()
    {
        await using var fixture = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("win22", "ltsc2022"));
        await fixture.CreatePodAsync(TestPods.Pod("survivor", image: "mcr.microsoft.com/windows/nanoserver:ltsc2022", runtimeClass: null));
        await fixture.WaitForPodAsync("survivor", p => p.Status?.Phase == "Running", "ran");
        var node = fixture.Cluster["win22-0"];
        using var cri = new CriRuntimeClient(node.CriEndpoint);
        var before = await cri.ListPodSandboxesAsync(null, CancellationToken.None);

        node.Faults.RestartContainerd(TimeSpan.FromSeconds(2));

        (await Calls(cri, before[0].Id)).Should().AllSatisfy(status => status.Should().Be(StatusCode.Unavailable));
        var untilBack = node.Faults.CriAvailableAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100);
        await Task.Delay(untilBack > TimeSpan.Zero ? untilBack : TimeSpan.Zero);
        (await Calls(cri, before[0].Id)).Should().AllSatisfy(status => status.Should().Be(StatusCode.OK));
        (await cri.ListPodSandboxesAsync(null, CancellationToken.None)).Should().Equal(before, "containerd keeps its state across a restart");
    }

    private static async Task<IReadOnlyList<StatusCode>> Calls(CriRuntimeClient cri, string sandboxId) =>
    [
        await StatusOf(() => cri.VersionAsync(CancellationToken.None)),
        await StatusOf(() => cri.ListPodSandboxesAsync(null, CancellationToken.None)),
        await StatusOf(() => cri.PodSandboxStatusAsync(sandboxId, verbose: false, CancellationToken.None)),
        await StatusOf(() => cri.ListContainersAsync(null, CancellationToken.None)),
    ];

    private static async Task<StatusCode> StatusOf(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
