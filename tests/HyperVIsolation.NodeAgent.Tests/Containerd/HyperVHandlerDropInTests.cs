using HyperVIsolation.Api.Windows;
using HyperVIsolation.NodeAgent.Containerd;

namespace HyperVIsolation.NodeAgent.Tests.Containerd;

public sealed class HyperVHandlerDropInTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public void Render_ParsesBackWithEveryHandlerHypervisorIsolated(int version)
    {
        var spec = new HyperVHandlerDropInSpec
        {
            ConfigVersion = version,
            Builds = [WindowsBuild.Ltsc2022, WindowsBuild.Ltsc2019, WindowsBuild.Ltsc2022],
        };

        var config = ContainerdConfigParser.Parse(HyperVHandlerDropIn.Render(spec));

        config.Version.Should().Be(version);
        config.RuntimeHandlers.Keys.Should().BeEquivalentTo(
            "runhcs-wcow-hypervisor", "runhcs-wcow-hypervisor-17763", "runhcs-wcow-hypervisor-20348");
        config.RuntimeHandlers.Values.Should().AllSatisfy(handler =>
        {
            handler.RuntimeType.Should().Be("io.containerd.runhcs.v1");
            handler.PodAnnotations.Should().Equal("io.microsoft.virtualmachine.*", "io.microsoft.disable-unsafe-operations");
            handler.Options!.SandboxIsolation.Should().Be(1);
            handler.Options.ScaleCpuLimitsToSandbox.Should().BeTrue();
            handler.Options.VmMemorySizeInMb.Should().BeNull();
        });
    }

    [Fact]
    public void Render_Version3_UsesContainerd2SectionNames()
    {
        var text = HyperVHandlerDropIn.Render(new HyperVHandlerDropInSpec { ConfigVersion = 3, VmMemorySizeInMb = 2048, VmProcessorCount = 2 });

        text.Should().StartWith(HyperVHandlerDropIn.Marker)
            .And.Contain("[plugins.\"io.containerd.cri.v1.runtime\".containerd.runtimes.runhcs-wcow-hypervisor]")
            .And.Contain("[plugins.\"io.containerd.cri.v1.runtime\".containerd.runtimes.runhcs-wcow-hypervisor.options]")
            .And.Contain("VmMemorySizeInMb = 2048")
            .And.Contain("VmProcessorCount = 2");
    }

    [Fact]
    public void Render_Version2_UsesContainerd17SectionNames()
    {
        var text = HyperVHandlerDropIn.Render(new HyperVHandlerDropInSpec { ConfigVersion = 2 });

        text.Should().Contain("[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runhcs-wcow-hypervisor]");
    }

    [Fact]
    public void Render_Version2WithNodeCriTable_CarriesItWholeAndReplacesOnlyOurHandlers()
    {
        var node = ContainerdConfigParser.ParseTables(ContainerdConfigSamples.Version2).PluginTable("io.containerd.grpc.v1.cri")!;
        var before = Tomlyn.TomlSerializer.Serialize(node);

        var text = HyperVHandlerDropIn.Render(new HyperVHandlerDropInSpec { ConfigVersion = 2, CriPluginTable = node });
        var dropIn = ContainerdConfigParser.ParseTables(text);
        var config = dropIn.ToConfig();

        dropIn.PluginTable("io.containerd.grpc.v1.cri")!["sandbox_image"].Should().Be("mcr.microsoft.com/oss/kubernetes/pause:3.9");
        config.RuntimeHandlers.Keys.Should().BeEquivalentTo("runhcs-wcow-process", "runhcs-wcow-hypervisor");
        config.RuntimeHandlers["runhcs-wcow-hypervisor"].Options!.VmProcessorCount.Should().BeNull("the node's hand-written handler is replaced by ours");
        config.RuntimeHandlers["runhcs-wcow-hypervisor"].PodAnnotations.Should().Contain("io.microsoft.disable-unsafe-operations");
        Tomlyn.TomlSerializer.Serialize(node).Should().Be(before, "rendering must not change the node's table");
    }

    [Fact]
    public void Render_Version3_IgnoresTheNodeCriTable()
    {
        var node = ContainerdConfigParser.ParseTables(ContainerdConfigSamples.Version2).PluginTable("io.containerd.grpc.v1.cri")!;

        var config = ContainerdConfigParser.Parse(HyperVHandlerDropIn.Render(new HyperVHandlerDropInSpec { ConfigVersion = 3, CriPluginTable = node }));

        config.RuntimeHandlers.Keys.Should().BeEquivalentTo(["runhcs-wcow-hypervisor"], "containerd 2.x merges imports key by key");
    }

    [Fact]
    public void Render_Version1_Throws()
    {
        var act = () => HyperVHandlerDropIn.Render(new HyperVHandlerDropInSpec { ConfigVersion = 1 });

        act.Should().Throw<ContainerdConfigException>();
    }

    [Fact]
    public void IsManaged_OnlyForOurMarker()
    {
        HyperVHandlerDropIn.IsManaged(HyperVHandlerDropIn.Render(new HyperVHandlerDropInSpec { ConfigVersion = 3 })).Should().BeTrue();
        HyperVHandlerDropIn.IsManaged(ContainerdConfigSamples.Version3).Should().BeFalse();
    }
}
