using HyperVIsolation.Api;
using HyperVIsolation.Operator.Placement;

namespace HyperVIsolation.Operator.Tests.Placement;

public sealed class NodeBuildInfoTests
{
    [Theory]
    [InlineData("windows", "10.0.20348", "true", true)]
    [InlineData("windows", "10.0.20348.2340", "true", true)]
    [InlineData("windows", "10.0.20348", "false", false)]
    [InlineData("windows", "10.0.20348", null, false)]
    [InlineData("windows", null, "true", false)]
    [InlineData("windows", "garbage", "true", false)]
    [InlineData("linux", "10.0.20348", "true", false)]
    [InlineData(null, "10.0.20348", "true", false)]
    public void FromLabels_LabelCombination_UsableOnlyWhenReadyWindowsWithBuild(string? os, string? build, string? ready, bool usable)
    {
        var labels = new Dictionary<string, string>();
        AddIfNotNull(labels, WellKnownLabels.Os, os);
        AddIfNotNull(labels, WellKnownLabels.WindowsBuild, build);
        AddIfNotNull(labels, WellKnownLabels.NodeReady, ready);

        NodeBuildInfo.FromLabels("node-a", labels).IsUsable.Should().Be(usable);
    }

    [Fact]
    public void FromLabels_NoLabels_NotUsable()
    {
        var node = NodeBuildInfo.FromLabels("node-a", null);

        node.Should().Be(new NodeBuildInfo("node-a", false, null, false));
    }

    private static void AddIfNotNull(Dictionary<string, string> labels, string key, string? value)
    {
        if (value is not null)
        {
            labels[key] = value;
        }
    }
}
