using HyperVIsolation.NodeAgent.Host;

namespace HyperVIsolation.NodeAgent.Tests.Host;

public sealed class NodeAgentSettingsTests
{
    [Fact]
    public void Read_NodeNameOnly_DefaultsContainerdConfigAndIntervals()
    {
        var (options, errors) = NodeAgentSettings.Read(name => name == "NODE_NAME" ? "win-0" : null);

        errors.Should().BeEmpty();
        options!.NodeName.Should().Be("win-0");
        options.ContainerdConfigPath.Should().Be(NodeAgentSettings.DefaultContainerdConfig);
        options.ResyncInterval.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(null, 9102)]
    [InlineData("9200", 9200)]
    public void ReadMetricsPort_UnsetOrValid_ThePort(string? text, int expected) =>
        NodeAgentSettings.ReadMetricsPort(name => name == "METRICS_PORT" ? text : null).Should().Be((expected, (string?)null));

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("http")]
    [InlineData("-1")]
    public void ReadMetricsPort_NotAPort_ErrorNamesTheValue(string text) =>
        NodeAgentSettings.ReadMetricsPort(name => name == "METRICS_PORT" ? text : null).Error.Should().Contain($"'{text}'");

    [Fact]
    public void Read_NoNodeName_ErrorNamesTheVariable()
    {
        var (options, errors) = NodeAgentSettings.Read(_ => null);

        options.Should().BeNull();
        errors.Should().ContainSingle().Which.Should().Contain("NODE_NAME");
    }

    [Fact]
    public void Read_BadResyncInterval_ErrorNamesTheValue()
    {
        var (options, errors) = NodeAgentSettings.Read(name => name switch { "NODE_NAME" => "win-0", "RESYNC_INTERVAL" => "soon", _ => null });

        options.Should().BeNull();
        errors.Should().ContainSingle().Which.Should().Contain("soon");
    }
}
