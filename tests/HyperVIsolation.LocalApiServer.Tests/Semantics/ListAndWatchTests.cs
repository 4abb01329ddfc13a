using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Tests.Semantics;

public sealed class ListAndWatchTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private Kubernetes Client => fixture.Client;

    [Theory]
    [InlineData("tier=web", new[] { "sel-1", "sel-2" })]
    [InlineData("tier==web,zone!=b", new[] { "sel-1" })]
    [InlineData("tier in (db, cache)", new[] { "sel-3" })]
    [InlineData("tier notin (web),selgroup", new[] { "sel-3", "sel-4" })]
    [InlineData("zone", new[] { "sel-1", "sel-2" })]
    [InlineData("!zone,selgroup", new[] { "sel-3", "sel-4" })]
    public async Task List_WithLabelSelector_ReturnsMatchingObjects(string selector, string[] expected)
    {
        var ns = await NamespaceAsync("labels-" + Math.Abs(selector.GetHashCode(StringComparison.Ordinal)));
        await CreateAsync(ns, "sel-1", new() { ["tier"] = "web", ["zone"] = "a", ["selgroup"] = "x" });
        await CreateAsync(ns, "sel-2", new() { ["tier"] = "web", ["zone"] = "b", ["selgroup"] = "x" });
        await CreateAsync(ns, "sel-3", new() { ["tier"] = "db", ["selgroup"] = "x" });
        await CreateAsync(ns, "sel-4", new() { ["selgroup"] = "x" });

        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: selector);

        list.Items.Select(i => i.Metadata.Name).Should().BeEquivalentTo(expected);
    }

    [Fact]
    public async Task List_WithFieldSelectors_FiltersOnNodeNameAndPhase()
    {
        var ns = await NamespaceAsync("fields");
        foreach (var (name, node) in new[] { ("p1", "n1"), ("p2", "n2") })
        {
            await Client.CoreV1.CreateNamespacedPodAsync(
                new V1Pod { Metadata = new V1ObjectMeta { Name = name }, Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "c", Image = "i" }] } }, ns);
        }

        var onNode = await Client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: "spec.nodeName=n2");
        var pending = await Client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: "status.phase=Pending,metadata.name!=p1");

        onNode.Items.Select(p => p.Metadata.Name).Should().Equal("p2");
        pending.Items.Select(p => p.Metadata.Name).Should().Equal("p2");
    }

    [Fact]
    public async Task List_WithLimit_PaginatesAtOneSnapshot()
    {
        var ns = await NamespaceAsync("pages");
        for (var i = 0; i < 5; i++)
        {
            await CreateAsync(ns, $"page-{i}", []);
        }

        var first = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 2);
        await CreateAsync(ns, "page-9", []);
        var second = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 2, continueParameter: first.Metadata.ContinueProperty);
        var third = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 2, continueParameter: second.Metadata.ContinueProperty);

        first.Metadata.RemainingItemCount.Should().Be(3);
        first.Items.Concat(second.Items).Concat(third.Items).Select(c => c.Metadata.Name)
            .Should().Equal("page-0", "page-1", "page-2", "page-3", "page-4");
        third.Metadata.ContinueProperty.Should().BeNullOrEmpty();
    }

    [Fact]
    public async Task List_WithContinueAfterCompaction_ReturnsGone()
    {
        var ns = await NamespaceAsync("expired-continue");
        await CreateAsync(ns, "c-1", []);
        await CreateAsync(ns, "c-2", []);
        var first = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 1);
        await CreateAsync(ns, "c-3", []);
        fixture.Server.Store.CompactHistory();

        var act = () => Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 1, continueParameter: first.Metadata.ContinueProperty);

        (await act.Should().ThrowAsync<k8s.Autorest.HttpOperationException>()).Which.Response.StatusCode.Should().Be(System.Net.HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Watch_FromResourceVersion_ReplaysChangesInOrder()
    {
        var ns = await NamespaceAsync("replay");
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(ns);
        await CreateAsync(ns, "w-1", []);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"data\":{\"a\":\"b\"}}", V1Patch.PatchType.MergePatch), "w-1", ns);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("w-1", ns);

        var events = new List<(WatchEventType, string)>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var (type, item) in Client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cancel.Token))
        {
            events.Add((type, item.Metadata.Name));
            if (events.Count == 3)
            {
                break;
            }
        }

        events.Should().Equal((WatchEventType.Added, "w-1"), (WatchEventType.Modified, "w-1"), (WatchEventType.Deleted, "w-1"));
    }

    [Fact]
    public async Task Watch_FromCompactedVersion_ReportsExpiredThroughOnError()
    {
        var ns = await NamespaceAsync("gone");
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(ns);
        await CreateAsync(ns, "g-1", []);
        fixture.Server.Store.CompactHistory();
        Exception? reported = null;

        var events = 0;
        await foreach (var _ in Client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: list.Metadata.ResourceVersion, onError: e => reported = e))
        {
            events++;
        }

        events.Should().Be(0);
        var status = reported.Should().BeOfType<KubernetesException>().Subject.Status;
        status.Code.Should().Be(410);
        status.Reason.Should().Be("Expired");
    }

    [Fact]
    public async Task Watch_WithBookmarksAndTimeout_SendsBookmarkThenEnds()
    {
        var ns = await NamespaceAsync("bookmarks");
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(ns);
        var types = new List<WatchEventType>();

        await foreach (var (type, _) in Client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: list.Metadata.ResourceVersion, allowWatchBookmarks: true, timeoutSeconds: 1))
        {
            types.Add(type);
        }

        types.Should().Contain(WatchEventType.Bookmark);
    }

    [Fact]
    public async Task Watch_WithLabelSelector_SeesObjectLeavingSelectionAsDeleted()
    {
        var ns = await NamespaceAsync("leave");
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(ns);
        await CreateAsync(ns, "l-1", new() { ["keep"] = "yes" });
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"labels\":{\"keep\":\"no\"}}}", V1Patch.PatchType.MergePatch), "l-1", ns);

        var events = new List<WatchEventType>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var (type, _) in Client.CoreV1.WatchListNamespacedConfigMapAsync(ns, labelSelector: "keep=yes", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cancel.Token))
        {
            events.Add(type);
            if (events.Count == 2)
            {
                break;
            }
        }

        events.Should().Equal(WatchEventType.Added, WatchEventType.Deleted);
    }

    private async Task<string> NamespaceAsync(string name)
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    private Task<V1ConfigMap> CreateAsync(string ns, string name, Dictionary<string, string> labels) =>
        Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = labels } }, ns);
}
