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
