using HyperVIsolation.SimulatedNodes.ApiAccess;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using static HyperVIsolation.SimulatedNodes.Tests.ApiAccess.ScriptedPodWatches;

namespace HyperVIsolation.SimulatedNodes.Tests.ApiAccess;

public sealed class WatchedCollectionTests
{
    [Fact]
    public async Task RunAsync_ListThenEvents_HoldsAddsAndModificationsAndForgetsDeletes()
    {
        var server = new ScriptedPodWatches();
        server.NextList(List("10", Pod("a", "5"), Pod("b", "6")));
        server.NextWatch((WatchEventType.Modified, Pod("a", "11")), (WatchEventType.Added, Pod("c", "12")), (WatchEventType.Deleted, Pod("b", "13")));
        await using var running = Run(server, out var pods);

        await WaitUntilAsync(() => pods.ResourceVersion == "13" && server.WatchedFrom.Count == 2);

        pods.Items().Select(p => (p.Metadata.Name, p.Metadata.ResourceVersion)).Should().BeEquivalentTo([("a", "11"), ("c", "12")]);
        pods.Get("uid-b").Should().BeNull("the DELETED event removed it");
        pods.TakeChanges().Should().BeEquivalentTo(["uid-a", "uid-b", "uid-c"]);
        pods.TakeChanges().Should().BeEmpty("changes are taken once");
        server.WatchedFrom.Should().Equal("10", "13");
        pods.Lists.Should().Be(1, "a watch that ends normally resumes from the last version instead of relisting");
    }

    [Fact]
    public async Task RunAsync_BookmarkThenNormalEnd_ResumesFromTheBookmark()
    {
        var server = new ScriptedPodWatches();
        server.NextList(List("10", Pod("a", "5")));
        server.NextWatch((WatchEventType.Bookmark, Pod(string.Empty, "42")));
        await using var running = Run(server, out var pods);

        await WaitUntilAsync(() => server.WatchedFrom.Count == 2);

        server.WatchedFrom.Should().Equal("10", "42");
        pods.TakeChanges().Should().Equal(["uid-a"], "a bookmark changes nothing");
    }

    [Fact]
    public async Task RunAsync_WatchGone_RelistsReplacesTheCacheAndWatchesFromTheNewList()
    {
        var server = new ScriptedPodWatches();
        server.NextList(List("10", Pod("a", "5"), Pod("b", "6")));

        // While the watch was gone b was deleted, a changed and c was created.
        server.NextList(List("30", Pod("a", "20"), Pod("c", "25")));
        await using var running = Run(server, out var pods);
        await WaitUntilAsync(() => pods.Lists == 1);
        pods.TakeChanges();
        server.NextWatchGone();

        await WaitUntilAsync(() => pods.Lists == 2 && server.WatchedFrom.Count == 2);

        pods.Items().Select(p => (p.Metadata.Name, p.Metadata.ResourceVersion)).Should().BeEquivalentTo([("a", "20"), ("c", "25")]);
        pods.TakeChanges().Should().BeEquivalentTo(["uid-a", "uid-b", "uid-c"], "a deletion missed during the gap is a change too");
        server.WatchedFrom.Should().Equal("10", "30");
    }

    [Fact]
    public async Task RunAsync_WatchBreaks_Relists()
    {
        var server = new ScriptedPodWatches();
        server.NextList(List("10", Pod("a", "5")));
        server.NextWatchFails(new IOException("connection reset"));
        server.NextList(List("20", Pod("a", "5"), Pod("b", "15")));
        await using var running = Run(server, out var pods);

        await WaitUntilAsync(() => pods.Lists == 2 && server.WatchedFrom.Count == 2);

        pods.Items().Select(p => p.Metadata.Name).Should().BeEquivalentTo(["a", "b"]);
        server.WatchedFrom.Should().Equal("10", "20");
    }

    [Fact]
    public async Task HasSynced_BeforeTheFirstList_False()
    {
        var server = new ScriptedPodWatches();
        await using var running = Run(server, out var pods);

        pods.HasSynced.Should().BeFalse();
        pods.Items().Should().BeEmpty();
    }

    private static Running Run(ScriptedPodWatches server, out WatchedCollection<V1Pod> pods)
    {
        var signal = new ChangeSignal();
        pods = new WatchedCollection<V1Pod>("pods", server.ListAsync, server.WatchAsync, ObjectKeys.Uid, signal, TimeSpan.FromMilliseconds(10), TimeProvider.System, NullLogger.Instance);
        var stop = new CancellationTokenSource();
        return new Running(pods.RunAsync(stop.Token), stop, signal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().Should().BeTrue("the collection should have got there");
    }

    private sealed record Running(Task Loop, CancellationTokenSource Stop, ChangeSignal Signal) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Stop.CancelAsync();
            await Loop;
            Stop.Dispose();
            Signal.Dispose();
        }
    }
}
