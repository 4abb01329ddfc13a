using System.Text;
using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.Tests.Storage;

public sealed class StoredObjectTests
{
    [Fact]
    public void Json_OfStoredObject_IsTheObjectsRelaxedJson()
    {
        var store = new ObjectStore(10);
        store.Create("configmaps", string.Empty, ConfigMap("quoted", "<a & \"b\">"));

        var stored = store.Read("configmaps", "ns", "quoted")!;

        Encoding.UTF8.GetString(stored.Json).Should().Be(stored.Object.ToJsonString(StoredObject.SerializerOptions))
            .And.Contain("<a & \\\"b\\\">", "quotes are escaped but angle brackets and ampersands are not, as in Go");
    }

    [Fact]
    public void Read_AfterUpdate_ReturnsNewVersionAndBytes()
    {
        var store = new ObjectStore(10);
        store.Create("configmaps", string.Empty, ConfigMap("cm", "old"));
        var before = store.Read("configmaps", "ns", "cm")!;
        _ = before.Json;

        store.Update("configmaps", string.Empty, "ns", "cm", current => ConfigMap("cm", "new"), _ => false);
        var after = store.Read("configmaps", "ns", "cm")!;

        after.ResourceVersion.Should().BeGreaterThan(before.ResourceVersion);
        JsonNode.Parse(after.Json)!["data"]!["value"]!.GetValue<string>().Should().Be("new");
        JsonNode.Parse(before.Json)!["data"]!["value"]!.GetValue<string>().Should().Be("old", "an older version keeps its own bytes");
    }

    [Fact]
    public void Update_WithOnlyTheVersionChanged_KeepsTheStoredVersion()
    {
        var store = new ObjectStore(10);
        store.Create("configmaps", string.Empty, ConfigMap("same", "v"));
        var before = store.Read("configmaps", "ns", "same")!;

        var result = store.Update("configmaps", string.Empty, "ns", "same", current =>
        {
            current["metadata"]!["resourceVersion"] = "12345";
            return current;
        }, _ => false);

        store.Read("configmaps", "ns", "same").Should().BeSameAs(before);
        result["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be(before.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Read_OfParsedObject_CanBeReadFromManyThreadsAtOnce()
    {
        // Parsed nodes build their children on first access; stored ones must already have.
        var store = new ObjectStore(10);
        var parsed = (JsonObject)JsonNode.Parse(
            """{"metadata":{"name":"parsed","namespace":"ns","labels":{"a":"1","b":"2"}},"data":{"k1":"v1","k2":"v2","k3":"v3"},"list":[{"x":1},{"x":2}]}""")!;
        store.Create("configmaps", string.Empty, parsed);
        var stored = store.Read("configmaps", "ns", "parsed")!;

        var reads = Enumerable.Range(0, 64).AsParallel().WithDegreeOfParallelism(8)
            .Select(_ => $"{stored.Object["data"]!["k3"]}/{stored.Object["list"]![1]!["x"]}/{stored.Object["metadata"]!["labels"]!["b"]}")
            .ToList();

        reads.Should().AllBe("v3/2/2");
    }

    [Fact]
    public void ReadAll_OfResource_SharesTheStoredVersions()
    {
        var store = new ObjectStore(10);
        store.Create("configmaps", string.Empty, ConfigMap("a", "1"));
        store.Create("configmaps", string.Empty, ConfigMap("b", "2"));

        var all = store.ReadAll("configmaps");

        all.Select(o => o.Name).Should().Equal("a", "b");
        all[1].Should().BeSameAs(store.Read("configmaps", "ns", "b"));
    }

    [Fact]
    public void Labels_OfStoredObject_AreTheMetadataLabels()
    {
        var store = new ObjectStore(10);
        var obj = ConfigMap("labelled", "v");
        obj["metadata"]!["labels"] = new JsonObject { ["tier"] = "web" };
        store.Create("configmaps", string.Empty, obj);

        var stored = store.Read("configmaps", "ns", "labelled")!;

        stored.Labels.Should().Equal(new Dictionary<string, string> { ["tier"] = "web" });
        LabelSelector.Parse("tier in (web,db)").Matches(stored).Should().BeTrue();
        LabelSelector.Parse("tier!=web").Matches(stored).Should().BeFalse();
    }

    private static JsonObject ConfigMap(string name, string value) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "ns" },
        ["data"] = new JsonObject { ["value"] = value },
    };
}
