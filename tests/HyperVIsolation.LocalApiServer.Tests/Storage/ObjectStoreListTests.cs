using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.Tests.Storage;

public sealed class ObjectStoreListTests
{
    [Fact]
    public void List_WithChangesBetweenPages_ReadsTheFirstPagesSnapshot()
    {
        var store = new ObjectStore(100);
        foreach (var name in new[] { "a", "c", "d", "e", "g" })
        {
            store.Create("configmaps", string.Empty, ConfigMap(name, "old"));
        }

        var first = store.List("configmaps", "ns", _ => true, 2, null);
        store.Delete("configmaps", "ns", "d");
        store.Update("configmaps", string.Empty, "ns", "e", _ => ConfigMap("e", "new"), _ => false);
        store.Create("configmaps", string.Empty, ConfigMap("f", "old"));
        store.Create("configmaps", string.Empty, ConfigMap("b", "old"));
        var second = store.List("configmaps", "ns", _ => true, 2, ContinueToken.TryDecode(first.Continue!));
        var third = store.List("configmaps", "ns", _ => true, 2, ContinueToken.TryDecode(second.Continue!));

        first.RemainingItemCount.Should().Be(3);
        first.Items.Concat(second.Items).Concat(third.Items).Select(i => Name(i.Object)).Should().Equal("a", "c", "d", "e", "g");
        second.Items.Single(i => i.Name == "e").Object["data"]!["value"]!.GetValue<string>().Should().Be("old");
        third.Continue.Should().BeNull();
    }

    [Fact]
    public void List_WithSelectorAndLimit_CountsOnlyMatchingRemainder()
    {
        var store = new ObjectStore(100);
        for (var i = 0; i < 6; i++)
        {
            store.Create("configmaps", string.Empty, ConfigMap($"c{i}", i % 2 == 0 ? "even" : "odd"));
        }

        var page = store.List("configmaps", "ns", o => o.Object["data"]!["value"]!.GetValue<string>() == "even", 1, null);

        page.Items.Select(i => i.Name).Should().Equal("c0");
        page.RemainingItemCount.Should().Be(2);
    }

    private static string Name(JsonObject obj) => obj["metadata"]!["name"]!.GetValue<string>();

    private static JsonObject ConfigMap(string name, string value) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "ns" },
        ["data"] = new JsonObject { ["value"] = value },
    };
}
