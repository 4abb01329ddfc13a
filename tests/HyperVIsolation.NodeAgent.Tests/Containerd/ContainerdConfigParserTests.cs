using HyperVIsolation.NodeAgent.Containerd;

namespace HyperVIsolation.NodeAgent.Tests.Containerd;

public sealed class ContainerdConfigParserTests
{
    [Fact]
    public void Parse_Containerd2Config_ReadsHandlersFromCriRuntimePlugin()
    {
        var config = ContainerdConfigParser.Parse(ContainerdConfigSamples.Version3);

        config.Version.Should().Be(3);
        config.RuntimeHandlers.Keys.Should().BeEquivalentTo("runhcs-wcow-process", "runhcs-wcow-hypervisor");
        var hypervisor = config.RuntimeHandlers["runhcs-wcow-hypervisor"];
        hypervisor.RuntimeType.Should().Be("io.containerd.runhcs.v1");
        hypervisor.PodAnnotations.Should().Equal("io.microsoft.virtualmachine.*");
        hypervisor.ContainerAnnotations.Should().Equal("io.microsoft.container.*");
        hypervisor.Options!.IsHypervisorIsolated.Should().BeTrue();
        hypervisor.Options.VmMemorySizeInMb.Should().Be(2048);
        hypervisor.Options.ScrubLogs.Should().BeTrue();
        hypervisor.Options.DefaultContainerAnnotations.Should().ContainKey("io.microsoft.container.processor.weight");
        config.RuntimeHandlers["runhcs-wcow-process"].Options!.IsHypervisorIsolated.Should().BeFalse();
    }

    [Fact]
    public void Parse_Containerd17Config_ReadsHandlersFromGrpcCriPlugin()
    {
        var config = ContainerdConfigParser.Parse(ContainerdConfigSamples.Version2);

        config.Version.Should().Be(2);
        config.TryGetHandler("runhcs-wcow-hypervisor", out var hypervisor).Should().BeTrue();
        hypervisor.PodAnnotations.Should().BeEmpty("without an allow-list containerd drops every pod annotation");
        hypervisor.Options!.VmProcessorCount.Should().Be(4);
        hypervisor.Options.VmMemorySizeInMb.Should().BeNull();
    }

    [Fact]
    public void Parse_Version2SectionsInVersion3File_FindsNoHandlers()
    {
        var config = ContainerdConfigParser.Parse(ContainerdConfigSamples.Version2.Replace("version = 2", "version = 3", StringComparison.Ordinal));

        config.RuntimeHandlers.Should().BeEmpty("containerd 2.x reads handlers only from io.containerd.cri.v1.runtime");
    }

    [Fact]
    public void Parse_EmptyText_IsLegacyVersionWithoutHandlers()
    {
        var config = ContainerdConfigParser.Parse(string.Empty);

        config.Version.Should().Be(ContainerdConfigVersions.Legacy);
        config.RuntimeHandlers.Should().BeEmpty();
    }

    [Fact]
    public void Parse_MalformedToml_ThrowsWithSourceAndLine()
    {
        const string broken = "version = 3\n[plugins.'io.containerd.cri.v1.runtime'\nruntime_type = 1\n";

        var act = () => ContainerdConfigParser.Parse(broken, "C:/config.toml");

        act.Should().Throw<ContainerdConfigException>()
            .WithMessage("C:/config.toml is not valid TOML*line 2*");
    }

    [Fact]
    public void Parse_UnknownVersion_ThrowsUnsupported()
    {
        var act = () => ContainerdConfigParser.Parse("version = 7");

        act.Should().Throw<ContainerdConfigException>().WithMessage("*version 7 is not supported*");
    }

    [Theory]
    [InlineData("pod_annotations = 'io.microsoft.*'", "*pod_annotations must be an array of strings*")]
    [InlineData("pod_annotations = [1]", "*pod_annotations must contain only strings*")]
    [InlineData("runtime_type = 1", "*runtime_type must be a string*")]
    [InlineData("options = { VmMemorySizeInMb = '2048' }", "*options.VmMemorySizeInMb must be an integer*")]
    [InlineData("options = { ScaleCpuLimitsToSandbox = 1 }", "*options.ScaleCpuLimitsToSandbox must be true or false*")]
    public void Parse_MistypedHandlerValue_ThrowsNamingTheKey(string line, string expectedMessage)
    {
        var toml = $"version = 3\n[plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.h]\n{line}\n";

        var act = () => ContainerdConfigParser.Parse(toml);

        act.Should().Throw<ContainerdConfigException>().WithMessage(expectedMessage);
    }
}
