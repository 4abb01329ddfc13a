using HyperVIsolation.Api.Windows;
using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.SimulatedNodes.Pool;

namespace HyperVIsolation.SimulatedNodes.Tests.Pool;

public sealed class NodePoolConfigReaderTests
{
    [Fact]
    public void Parse_Yaml_ReadsGroupsWithUnquotedNumbersAndDurations()
    {
        var config = NodePoolConfigReader.Parse("""
            heartbeatInterval: 500ms
            groups:
              - name: win22
                count: 3
                windowsBuild: 20348
                cpu: 8
                memory: 32Gi
                containerdVersion: "1.7.20"
                handlerAllowListConfigured: false
                vmBootTime: 2s
                extendedResources: {example.com/gpu: 2}
                taints: [{key: os, value: windows, effect: NoSchedule}]
                labels: {isolation.hyperv.dev/ready: "true"}
            """);

        config.HeartbeatInterval.Should().Be(TimeSpan.FromMilliseconds(500));
        var group = config.Groups.Should().ContainSingle().Subject;
        group.Count.Should().Be(3);
        group.Cpu.Should().Be("8");
        group.TryGetBuild(out var build).Should().BeTrue();
        build.Should().Be(WindowsBuild.Ltsc2022);
        group.ContainerdConfigVersion().Should().Be(ContainerdConfigVersions.Containerd17);
        group.HandlerAllowListConfigured.Should().BeFalse();
        group.VmBootTime.Should().Be(TimeSpan.FromSeconds(2));
        group.ExtendedResources.Should().Contain("example.com/gpu", "2");
        group.Taints.Should().ContainSingle().Which.Value.Should().Be("windows");
        group.Labels.Should().Contain("isolation.hyperv.dev/ready", "true");
    }

    [Fact]
    public void Parse_Json_ReadsSameModel()
    {
        var config = NodePoolConfigReader.Parse("""{"groups":[{"name":"win25","windowsBuild":"ltsc2025","count":1}]}""");

        config.Groups[0].TryGetBuild(out var build).Should().BeTrue();
        build.Should().Be(WindowsBuild.Ltsc2025);
    }

    [Fact]
    public void Parse_ManyMistakes_ReportsAllAtOnce()
    {
        var act = () => NodePoolConfigReader.Parse("""
            heartbeatInterval: 0s
            groups:
              - name: Bad_Name
                count: -1
                windowsBuild: xp
                cpu: lots
                memory: 0
                pods: 0
                edition: Home
                containerdVersion: 1.6.0
                extendedResources: {gpu: 1}
                taints: [{key: "", effect: Sometimes}]
            """);

        var errors = act.Should().Throw<NodePoolConfigException>().Which.Errors;
        errors.Should().HaveCount(12);
        errors.Should().Contain(e => e.StartsWith("heartbeatInterval", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("groups[0].windowsBuild", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("groups[0].containerdVersion", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("groups[0].taints[0].effect", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_UnknownKey_IsAnError()
    {
        var act = () => NodePoolConfigReader.Parse("groups:\n  - name: a\n    memroy: 1Gi\n");

        act.Should().Throw<NodePoolConfigException>().Which.Message.Should().Contain("memroy");
    }

    [Fact]
    public void Validate_DuplicateGroupNames_Reported()
    {
        var config = new NodePoolConfig { Groups = [new NodeGroupConfig { Name = "a" }, new NodeGroupConfig { Name = "a" }] };

        NodePoolConfigValidator.Validate(config).Should().ContainSingle().Which.Should().Contain("more than once");
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2s", 2000)]
    [InlineData("1m", 60000)]
    [InlineData("00:00:03", 3000)]
    public void TryParse_Durations_Parsed(string text, int milliseconds)
    {
        DurationJsonConverter.TryParse(text, out var value).Should().BeTrue();
        value.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }
}
