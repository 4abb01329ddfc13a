using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Patching.Tests;

/// <summary>Parses test JSON and compares documents semantically with a readable failure.</summary>
internal static class JsonAssertions
{
    public static JsonNode? Parse(string json) => JsonNode.Parse(json);

    public static JsonObject ParseObject(string json) => (JsonObject)JsonNode.Parse(json)!;

    public static void ShouldEqualJson(this JsonNode? actual, string expected)
    {
        var expectedNode = JsonNode.Parse(expected);
        JsonNode.DeepEquals(actual, expectedNode).Should().BeTrue(
            "expected {0} but got {1}",
            expectedNode?.ToJsonString() ?? "null",
            actual?.ToJsonString() ?? "null");
    }
}
