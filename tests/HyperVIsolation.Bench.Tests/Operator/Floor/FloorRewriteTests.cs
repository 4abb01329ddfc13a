using System.Text.Json.Nodes;
using HyperVIsolation.Bench.Operator.Floor;

namespace HyperVIsolation.Bench.Tests.Operator.Floor;

public class FloorRewriteTests
{
    [Fact]
    public void Body_PodCreate_NamesThePodAsRecordedAndMapsItsOwnersUid()
    {
        var write = FloorChainsTests.Write(1, "POST", "/api/v1/namespaces/ns/pods", """{"metadata":{"generateName":"w-1-","ownerReferences":[{"name":"w-1","uid":"old-w1","controller":true}]}}""", "w-1-abcde", "old-p1");

        var body = JsonNode.Parse(FloorRewrite.Body(write, new Dictionary<string, string> { ["old-w1"] = "new-w1" }))!;

        body["metadata"]!["name"]!.GetValue<string>().Should().Be("w-1-abcde");
        body["metadata"]!["ownerReferences"]![0]!["uid"]!.GetValue<string>().Should().Be("new-w1");
    }

    [Fact]
    public void Body_StatusUpdate_EmptiesResourceVersionsAndMapsUids()
    {
        var write = FloorChainsTests.Write(2, "PUT", "/api/v1/namespaces/ns/pods/w-1-abcde/status", """{"metadata":{"name":"w-1-abcde","uid":"old-p1","resourceVersion":"1234"},"status":{"phase":"Running"}}""");

        var body = FloorRewrite.Body(write, new Dictionary<string, string> { ["old-p1"] = "new-p1" });

        body.Should().Be("""{"metadata":{"name":"w-1-abcde","uid":"new-p1","resourceVersion":""},"status":{"phase":"Running"}}""");
    }

    [Fact]
    public void Body_WriteThatIsNotAPodCreate_KeepsItsNameAsSent()
    {
        var write = FloorChainsTests.Write(3, "POST", "/api/v1/namespaces/ns/pods/w-1-abcde/binding", """{"metadata":{"name":"w-1-abcde"},"target":{"name":"n"}}""", "w-1-abcde");

        FloorRewrite.Body(write, new Dictionary<string, string>()).Should().Be(write.Body);
    }
}
