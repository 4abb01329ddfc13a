using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.SimulatedNodes.Pool;

namespace HyperVIsolation.SimulatedNodes.Tests.Pool;

public sealed class SimulatedContainerdConfigTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("simulated-containerd-").FullName;

    [Theory]
    [InlineData("2.0.4", ContainerdConfigVersions.Containerd2)]
    [InlineData("1.7.20", ContainerdConfigVersions.Containerd17)]
    public async Task WriteAsync_AllowListConfigured_LoaderSeesDropInHandlersWithAllowList(string containerd, int version)
    {
        var group = new NodeGroupConfig { Name = "g", ContainerdVersion = containerd, WindowsBuild = "ltsc2022" };

        var path = await SimulatedContainerdConfig.WriteAsync(directory, group, CancellationToken.None);
        var config = await ContainerdConfigLoader.LoadAsync(path, CancellationToken.None);

        config.Version.Should().Be(version);
        config.RuntimeHandlers.Keys.Should().BeEquivalentTo(["runhcs-wcow-process", "runhcs-wcow-hypervisor", "runhcs-wcow-hypervisor-20348"]);
        config.RuntimeHandlers["runhcs-wcow-hypervisor"].PodAnnotations.Should().Contain("io.microsoft.virtualmachine.*");
        config.RuntimeHandlers["runhcs-wcow-hypervisor"].Options!.IsHypervisorIsolated.Should().BeTrue();
        config.RuntimeHandlers["runhcs-wcow-process"].Options!.IsHypervisorIsolated.Should().BeFalse();
    }

    [Fact]
    public async Task WriteAsync_Containerd17AllowListConfigured_DropInKeepsTheSandboxImageAndCni()
    {
        var group = new NodeGroupConfig { Name = "g", ContainerdVersion = "1.7.20", WindowsBuild = "ltsc2022" };

        var path = await SimulatedContainerdConfig.WriteAsync(directory, group, CancellationToken.None);
        var merged = await ContainerdConfigLoader.LoadMergedAsync(path, excluding: null, CancellationToken.None);

        var cri = merged.PluginTable("io.containerd.grpc.v1.cri")!;
        cri["sandbox_image"].Should().Be(SimulatedContainerdConfig.SandboxImage, "containerd 1.7 replaces the CRI table with the drop-in's, which must carry it");
        cri.ContainsKey("cni").Should().BeTrue();
    }

    [Fact]
    public async Task WriteAsync_NoAllowList_BareHypervisorHandlerWithoutPodAnnotations()
    {
        var group = new NodeGroupConfig { Name = "g", HandlerAllowListConfigured = false };

        var path = await SimulatedContainerdConfig.WriteAsync(directory, group, CancellationToken.None);
        var config = await ContainerdConfigLoader.LoadAsync(path, CancellationToken.None);

        config.Imports.Should().BeEmpty();
        File.Exists(Path.Combine(directory, HyperVHandlerDropIn.FileName)).Should().BeFalse();
        config.RuntimeHandlers["runhcs-wcow-hypervisor"].PodAnnotations.Should().BeEmpty();
        config.RuntimeHandlers["runhcs-wcow-hypervisor"].Options!.IsHypervisorIsolated.Should().BeTrue();
    }

    [Fact]
    public async Task ProvisionAsync_Pool_OneDirectoryAndHostPerNode()
    {
        var config = new NodePoolConfig
        {
            WorkingDirectory = directory,
            Groups = [new NodeGroupConfig { Name = "a", Count = 2, Cpu = "6", Memory = "8Gi" }, new NodeGroupConfig { Name = "b", WindowsBuild = "17763" }],
        };

        var nodes = await SimulatedNodeProvisioner.ProvisionAsync(config, TimeProvider.System, CancellationToken.None);

        nodes.Select(n => n.Name).Should().Equal("a-0", "a-1", "b-0");
        nodes.Select(n => n.PodCidr).Should().OnlyHaveUniqueItems();
        nodes.Should().OnlyContain(n => File.Exists(n.ContainerdConfigPath));
        nodes[0].Hcs.Should().NotBeSameAs(nodes[1].Hcs);
        nodes[0].Hcs.Host.LogicalProcessorCount.Should().Be(6);
        nodes[0].Hcs.Host.MemoryMb.Should().Be(8192);
        nodes[2].Hcs.Host.Build.Number.Should().Be(17763);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
