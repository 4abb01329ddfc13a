using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.Tests.Storage;

public sealed class FieldSelectorTests
{
    [Theory]
    [InlineData("spec.nodeName=node-1", true)]
    [InlineData("spec.nodeName==node-2", false)]
    [InlineData("spec.nodeName!=node-2,metadata.name=pod", true)]
    [InlineData("status.phase=", true)]
    [InlineData("status.phase!=", false)]
    [InlineData("spec.nodeName.deeper=", true)]
    public void Matches_OnNestedAndMissingFields_ComparesAsKubeApiserver(string selector, bool expected)
    {
        var pod = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "pod" },
            ["spec"] = new JsonObject { ["nodeName"] = "node-1" },
        };

        FieldSelector.Parse(selector).Matches(pod).Should().Be(expected);
    }
}
