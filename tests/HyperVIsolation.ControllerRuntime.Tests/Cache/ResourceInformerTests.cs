using System.Collections.Concurrent;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Queue;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static HyperVIsolation.ControllerRuntime.Tests.Cache.Pods;
using WatchEnding = HyperVIsolation.ControllerRuntime.Tests.Cache.FakeResourceClient.WatchEnding;

namespace HyperVIsolation.ControllerRuntime.Tests.Cache;

public sealed class ResourceInformerTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly FakeResourceClient _server = new();
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingChangeHandler _handler = new();
    private readonly RecordingInformerMetrics _metrics = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(Timeout);
        _stop.Dispose();
    }

    [Fact]
    public async Task RunAsync_ManyObjects_ListsInPagesOf500ThenWatchesFromListVersion()
    {
        _server.SetObjects("100", [.. Enumerable.Range(0, 1200).Select(i => Pod($"p{i}", "5"))]);

        var informer = await StartAsync();

        _server.ListCalls.Should().Equal((null, 500), ("500", 500), ("1000", 500));
        informer.Count.Should().Be(1200);
        informer.HasSynced.Should().BeTrue();
        _handler.Changes.Should().HaveCount(1200);
        await WaitUntilAsync(() => _server.WatchCalls.Count == 1);
        _server.WatchCalls.Should().Equal(("100", true));
        _metrics.Sizes.Last().Should().Be(1200);
    }

    [Fact]
    public async Task RunAsync_WatchEvents_AreAppliedAndNotified()
    {
        _server.SetObjects("10", Pod("a", "5"), Pod("b", "6"));
        _server.EnqueueWatch(WatchEnding.Hang, Added(Pod("c", "11")), Modified(Pod("a", "12")), Deleted(Pod("b", "13")));

        var informer = await StartAsync();

        await WaitUntilAsync(() => informer.ResourceVersion == "13");
        informer.List().Select(p => p.Metadata.Name).Should().BeEquivalentTo("a", "c");
        informer.Get(new ObjectKey("ns", "a"))!.Metadata.ResourceVersion.Should().Be("12");
        _handler.Changes.Should().Equal("add a@5", "add b@6", "add c@11", "update a@5->12", "delete b@6");
    }

    [Fact]
    public async Task RunAsync_Expired_RelistsAndNotifiesOnlyTheDifferenceOnce()
    {
        _server.SetObjects("10", Pod("a", "5"), Pod("b", "6"), Pod("c", "7"));
        var expire = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.EnqueueGatedWatch(expire.Task, WatchEnding.Close, Expired());
        var informer = await StartAsync();

        _server.SetObjects("20", Pod("a", "5"), Pod("c", "18"), Pod("d", "19"));
        expire.SetResult();
        await WaitUntilAsync(() => _server.WatchCalls.Count == 2, () => $"watches {string.Join(",", _server.WatchCalls)} lists {_server.ListCalls.Count} restarts {string.Join(",", _metrics.Restarts)}");

        _handler.Changes.Skip(3).Should().BeEquivalentTo("delete b@6", "update c@7->18", "add d@19");
        _server.WatchCalls.Last().ResourceVersion.Should().Be("20", "the new watch starts from the relist");
        informer.List().Select(p => p.Metadata.Name).Should().BeEquivalentTo("a", "c", "d");
        _metrics.Restarts.Should().Contain(WatchRestartReason.Expired);
    }

    [Fact]
    public async Task RunAsync_ServerClosesWatch_RewatchesFromLastVersionWithoutRelist()
    {
        _server.SetObjects("10", Pod("a", "5"));
        _server.EnqueueWatch(WatchEnding.Close, Added(Pod("x", "20")));

        await StartAsync();

        await WaitUntilAsync(() => _server.WatchCalls.Count == 2);
        _server.WatchCalls.Select(c => c.ResourceVersion).Should().Equal("10", "20");
        _server.ListCalls.Should().HaveCount(1);
        _metrics.Restarts.Should().Equal(WatchRestartReason.ServerTimeout);
    }

    [Fact]
    public async Task RunAsync_Bookmark_AdvancesVersionWithoutNotifying()
    {
        _server.SetObjects("10", Pod("a", "5"));
        _server.EnqueueWatch(WatchEnding.Close, Bookmark("55"));

        await StartAsync();

        await WaitUntilAsync(() => _server.WatchCalls.Count == 2);
        _server.WatchCalls.Last().ResourceVersion.Should().Be("55");
        _handler.Changes.Should().Equal("add a@5");
    }

    [Fact]
    public async Task RunAsync_StreamBreaks_RelistsAfterBackoff()
    {
        _server.SetObjects("10", Pod("a", "5"));
        var breakStream = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.EnqueueGatedWatch(breakStream.Task, WatchEnding.Throw, Added(Pod("b", "11")));
        var informer = await StartAsync();
        _server.SetObjects("30", Pod("a", "5"), Pod("b", "11"));
        breakStream.SetResult();
        await WaitUntilAsync(() => _metrics.Restarts.Contains(WatchRestartReason.StreamBroken));

        _server.ListCalls.Should().HaveCount(1, "the relist waits for the backoff");
        await AdvanceUntilAsync(() => _server.WatchCalls.Count == 2);

        _server.ListCalls.Should().HaveCount(2);
        _server.WatchCalls.Last().ResourceVersion.Should().Be("30");
        _handler.Changes.Should().Equal("add a@5", "add b@11");
        informer.Count.Should().Be(2);
    }

    [Fact]
    public async Task RunAsync_ListFails_RetriesAndSyncsLater()
    {
        _server.SetObjects("10", Pod("a", "5"));
        _server.NextListFailure = new HttpRequestException("connection refused");
        var informer = NewInformer();
        _run = informer.RunAsync(_stop.Token);

        await WaitUntilAsync(() => _metrics.Restarts.Contains(WatchRestartReason.ListFailed));
        informer.HasSynced.Should().BeFalse();
        await AdvanceUntilAsync(() => informer.HasSynced);

        informer.Count.Should().Be(1);
    }

    [Fact]
    public async Task RunAsync_Objects_AreCachedWithoutManagedFieldsAndTransformed()
    {
        _server.SetObjects("10", Pod("a", "5"));
        var informer = NewInformer(new ResourceInformerOptions<V1Pod>
        {
            Transform = pod =>
            {
                pod.Metadata.Annotations = null;
                pod.Metadata.Labels = new Dictionary<string, string> { ["transformed"] = "yes" };
                return pod;
            },
        });
        _run = informer.RunAsync(_stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Timeout);

        var cached = informer.Get(new ObjectKey("ns", "a"))!;

        cached.Metadata.ManagedFields.Should().BeNull();
        cached.Metadata.Labels.Should().ContainKey("transformed");
    }

    [Fact]
    public async Task ListByOwner_OwnedPods_AreIndexedByControllerUid()
    {
        _server.SetObjects("10", Pod("w1-a", "5", ownerUid: "u1"), Pod("w1-b", "6", ownerUid: "u1"), Pod("w2-a", "7", ownerUid: "u2"), Pod("free", "8"));
        _server.EnqueueWatch(WatchEnding.Hang, Deleted(Pod("w1-a", "9", ownerUid: "u1")));

        var informer = await StartAsync();

        await WaitUntilAsync(() => informer.ResourceVersion == "9");
        informer.ListByOwner("u1").Select(p => p.Metadata.Name).Should().Equal("w1-b");
        informer.ListByOwner("u2").Should().ContainSingle();
        informer.ListByOwner("nobody").Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_InformerKeepsGoing()
    {
        _server.SetObjects("10", Pod("a", "5"));
        _server.EnqueueWatch(WatchEnding.Hang, Added(Pod("b", "11")));
        var informer = NewInformer();
        informer.AddHandler(new ThrowingHandler());
        informer.AddHandler(_handler);
        _run = informer.RunAsync(_stop.Token);

        // The store is updated before handlers hear of a change: wait for the handler, not the count.
        await WaitUntilAsync(() => _handler.Changes.Count == 2);

        informer.Count.Should().Be(2);
        _handler.Changes.Should().Equal("add a@5", "add b@11");
    }

    [Fact]
    public async Task LastActivityAt_Events_TrackTheClock()
    {
        _server.SetObjects("10", Pod("a", "5"));
        var informer = NewInformer();
        informer.LastActivityAt.Should().BeNull();
        _run = informer.RunAsync(_stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Timeout);

        informer.LastActivityAt.Should().Be(_time.GetUtcNow());
        informer.StartedAt.Should().Be(_time.GetUtcNow());
    }

    private async Task<ResourceInformer<V1Pod>> StartAsync()
    {
        var informer = NewInformer();
        informer.AddHandler(_handler);
        _run = informer.RunAsync(_stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Timeout);
        return informer;
    }

    private ResourceInformer<V1Pod> NewInformer(ResourceInformerOptions<V1Pod>? options = null) =>
        new(_server, options ?? new ResourceInformerOptions<V1Pod>(), _time, NullLogger<ResourceInformer<V1Pod>>.Instance, _metrics);

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string>? state = null)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should become true ({0})", state?.Invoke() ?? "");
            await Task.Delay(2);
        }
    }

    private async Task AdvanceUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should become true");
            _time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(2);
        }
    }

    private sealed class ThrowingHandler : IResourceChangeHandler<V1Pod>
    {
        public void OnAdded(V1Pod obj) => throw new InvalidOperationException("handler bug");

        public void OnUpdated(V1Pod oldObj, V1Pod newObj) => throw new InvalidOperationException("handler bug");

        public void OnDeleted(V1Pod obj) => throw new InvalidOperationException("handler bug");
    }

    private sealed class RecordingInformerMetrics : IInformerMetrics
    {
        public ConcurrentQueue<WatchRestartReason> Restarts { get; } = new();

        public ConcurrentQueue<int> Sizes { get; } = new();

        public void WatchRestarted(string informer, WatchRestartReason reason) => Restarts.Enqueue(reason);

        public void CacheSizeChanged(string informer, int size) => Sizes.Enqueue(size);
    }
}
