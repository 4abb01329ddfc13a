using Grpc.Core;
using HyperVIsolation.Api;
using HyperVIsolation.NodeAgent.Cri;
using HyperVIsolation.NodeAgent.Cri.V1;
using HyperVIsolation.SimulatedNodes.Cri;
using Microsoft.Extensions.Time.Testing;

namespace HyperVIsolation.SimulatedNodes.Tests.Cri;

// The node agent's real CRI client against the simulated runtime over a real unix socket.
public sealed class SimulatedCriServerTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string directory = Directory.CreateTempSubdirectory("cri-").FullName;
    private readonly FakeTimeProvider time = new(Start);
    private readonly SimulatedCriRuntimeState state = new();
    private SimulatedCriServer server = null!;
    private CriRuntimeClient client = null!;

    public async Task InitializeAsync()
    {
        var socket = Path.Combine(directory, "containerd.sock");
        server = await SimulatedCriServer.StartAsync(socket, state, time, CancellationToken.None);
        client = new CriRuntimeClient(CriEndpoint.Parse("unix://" + socket));
        state.AddSandbox(Sandbox("s1", "web-0", labels: new() { ["app"] = "web" }, handler: "runhcs-wcow-hypervisor"));
        state.AddSandbox(Sandbox("s2", "db-0", labels: new() { ["app"] = "db" }) with { State = PodSandboxState.SandboxNotready });
        state.AddContainer(Container("c1", "s1", "web"));
        state.AddContainer(Container("c2", "s2", "db") with { State = ContainerState.ContainerExited });
    }

    public void Dispose() => client?.Dispose();

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Version_ReportsRuntimeAndApiVersion()
    {
        var version = await client.VersionAsync(CancellationToken.None);

        version.RuntimeName.Should().Be("containerd");
        version.RuntimeApiVersion.Should().Be("v1");
    }

    [Fact]
    public async Task ListPodSandboxes_NoFilter_ReturnsAllWithMetadata()
    {
        var sandboxes = await client.ListPodSandboxesAsync(null, CancellationToken.None);

        sandboxes.Select(s => s.Id).Should().Equal("s1", "s2");
        var web = sandboxes[0];
        web.Metadata.Name.Should().Be("web-0");
        web.Metadata.Namespace.Should().Be("tenant-a");
        web.RuntimeHandler.Should().Be("runhcs-wcow-hypervisor");
        web.CreatedAt.Should().Be((Start - DateTimeOffset.UnixEpoch).Ticks * 100);
        web.Annotations.Should().ContainKey(HcsAnnotations.MemorySizeInMb);
    }

    [Fact]
    public async Task ListPodSandboxes_StateFilter_ReturnsOnlyReady()
    {
        var filter = new PodSandboxFilter { State = new PodSandboxStateValue { State = PodSandboxState.SandboxReady } };

        var sandboxes = await client.ListPodSandboxesAsync(filter, CancellationToken.None);

        sandboxes.Select(s => s.Id).Should().Equal("s1");
    }

    [Fact]
    public async Task ListPodSandboxes_LabelSelector_MatchesAllLabels()
    {
        var filter = new PodSandboxFilter();
        filter.LabelSelector["app"] = "db";

        var sandboxes = await client.ListPodSandboxesAsync(filter, CancellationToken.None);

        sandboxes.Select(s => s.Id).Should().Equal("s2");
    }

    [Fact]
    public async Task PodSandboxStatus_Known_ReturnsAnnotationsIpAndHandler()
    {
        var response = await client.PodSandboxStatusAsync("s1", verbose: false, CancellationToken.None);

        response.Status.Id.Should().Be("s1");
        response.Status.Network.Ip.Should().Be("10.244.1.5");
        response.Status.RuntimeHandler.Should().Be("runhcs-wcow-hypervisor");
        response.Status.Annotations[HcsAnnotations.MemorySizeInMb].Should().Be("2048");
        response.Timestamp.Should().Be((Start - DateTimeOffset.UnixEpoch).Ticks * 100);
    }

    [Fact]
    public async Task PodSandboxStatus_Unknown_ThrowsNotFound()
    {
        var act = () => client.PodSandboxStatusAsync("missing", verbose: false, CancellationToken.None);

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
    }

    [Fact]
    public async Task ListContainers_SandboxAndStateFilters_Apply()
    {
        var all = await client.ListContainersAsync(null, CancellationToken.None);
        var inS2 = await client.ListContainersAsync(new ContainerFilter { PodSandboxId = "s2" }, CancellationToken.None);
        var running = await client.ListContainersAsync(
            new ContainerFilter { State = new ContainerStateValue { State = ContainerState.ContainerRunning } }, CancellationToken.None);

        all.Select(c => c.Id).Should().Equal("c1", "c2");
        inS2.Should().ContainSingle().Which.Metadata.Name.Should().Be("db");
        running.Should().ContainSingle().Which.Image.Image.Should().Be("mcr.microsoft.com/windows/nanoserver:ltsc2022");
    }

    [Fact]
    public async Task UpdateContainerResources_Windows_StoresNewLimits()
    {
        var request = new UpdateContainerResourcesRequest
        {
            ContainerId = "c1",
            Windows = new WindowsContainerResources { CpuMaximum = 5000, MemoryLimitInBytes = 512L * 1024 * 1024, CpuCount = 1 },
        };

        await client.UpdateContainerResourcesAsync(request, CancellationToken.None);

        state.FindContainer("c1")!.WindowsResources.Should().Be(request.Windows);
    }

    [Theory]
    [InlineData("missing", true, StatusCode.NotFound)]
    [InlineData("c1", false, StatusCode.InvalidArgument)]
    public async Task UpdateContainerResources_BadRequest_ThrowsStatus(string containerId, bool withWindows, StatusCode expected)
    {
        var request = new UpdateContainerResourcesRequest
        {
            ContainerId = containerId,
            Windows = withWindows ? new WindowsContainerResources { CpuMaximum = 100 } : null,
            Linux = withWindows ? null : new LinuxContainerResources { CpuQuota = 1000 },
        };

        var act = () => client.UpdateContainerResourcesAsync(request, CancellationToken.None);

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(expected);
    }

    [Fact]
    public async Task RemoveSandbox_RemovesItsContainersFromListings()
    {
        state.RemoveSandbox("s1").Should().BeTrue();

        (await client.ListContainersAsync(null, CancellationToken.None)).Select(c => c.Id).Should().Equal("c2");
        (await client.ListPodSandboxesAsync(null, CancellationToken.None)).Select(s => s.Id).Should().Equal("s2");
    }

    [Fact]
    public async Task MarkUnavailableUntil_EveryCallUnavailableUntilThenServesSameState()
    {
        state.MarkUnavailableUntil(Start + TimeSpan.FromSeconds(5));

        var version = () => client.VersionAsync(CancellationToken.None);
        var sandboxes = () => client.ListPodSandboxesAsync(null, CancellationToken.None);
        var status = () => client.PodSandboxStatusAsync("s1", verbose: false, CancellationToken.None);
        var update = () => client.UpdateContainerResourcesAsync(
            new UpdateContainerResourcesRequest { ContainerId = "c1", Windows = new WindowsContainerResources { CpuCount = 1 } }, CancellationToken.None);
        foreach (var call in new Func<Task>[] { version, sandboxes, status, update })
        {
            (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);
        }

        time.Advance(TimeSpan.FromSeconds(5));

        (await sandboxes()).Select(s => s.Id).Should().Equal("s1", "s2");
        (await status()).Status.Id.Should().Be("s1");
    }

    private static SimulatedSandbox Sandbox(string id, string name, Dictionary<string, string> labels, string handler = "") => new()
    {
        Id = id,
        Name = name,
        Namespace = "tenant-a",
        Uid = Guid.NewGuid().ToString(),
        CreatedAt = Start,
        RuntimeHandler = handler,
        Ip = "10.244.1.5",
        Labels = labels,
        Annotations = new Dictionary<string, string> { [HcsAnnotations.MemorySizeInMb] = "2048" },
    };

    private static SimulatedContainer Container(string id, string sandboxId, string name) => new()
    {
        Id = id,
        PodSandboxId = sandboxId,
        Name = name,
        Image = "mcr.microsoft.com/windows/nanoserver:ltsc2022",
        CreatedAt = Start,
    };
}
