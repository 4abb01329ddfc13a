using HyperVIsolation.ControllerRuntime.Queue;
using Microsoft.Extensions.Time.Testing;

namespace HyperVIsolation.ControllerRuntime.Tests.Queue;

public sealed class WorkQueueTests : IDisposable
{
    private static readonly ObjectKey A = new("ns", "a");
    private static readonly ObjectKey B = new("ns", "b");
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingWorkQueueMetrics _metrics = new();
    private readonly WorkQueue _queue;

    public WorkQueueTests() => _queue = new WorkQueue(new WorkQueueOptions(), _time, _metrics);

    public void Dispose() => _queue.Dispose();

    [Fact]
    public async Task Add_SameKeyTwice_CollapsesIntoOne()
    {
        _queue.Add(A);
        _queue.Add(B);
        _queue.Add(A);

        _queue.Count.Should().Be(2);
        (await _queue.GetAsync(CancellationToken.None)).Should().Be(A);
        (await _queue.GetAsync(CancellationToken.None)).Should().Be(B);
        _metrics.Adds.Should().Be(3);
    }

    [Fact]
    public async Task Add_WhileProcessing_IsHeldUntilDoneThenRuns()
    {
        _queue.Add(A);
        var key = await _queue.GetAsync(CancellationToken.None);

        _queue.Add(A);
        _queue.Add(A);

        _queue.Count.Should().Be(0, "a key being processed is never handed out twice");
        _queue.Done(key!.Value);
        _queue.Count.Should().Be(1);
        (await _queue.GetAsync(CancellationToken.None)).Should().Be(A);
    }

    [Fact]
    public async Task GetAsync_WaitingWorker_ReceivesKeyAddedLater()
    {
        var pending = _queue.GetAsync(CancellationToken.None);
        pending.IsCompleted.Should().BeFalse();

        _queue.Add(B);

        (await pending.WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(B);
        _queue.Count.Should().Be(0);
    }

    [Fact]
    public async Task GetAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        var pending = _queue.GetAsync(cts.Token);

        await cts.CancelAsync();

        await pending.Invoking(p => p).Should().ThrowAsync<OperationCanceledException>();
        _queue.Add(A);
        _queue.Count.Should().Be(1, "a cancelled waiter must not swallow keys");
    }

    [Fact]
    public async Task AddRateLimited_FirstFailure_WaitsFiveMilliseconds()
    {
        _queue.Add(A);
        var key = (await _queue.GetAsync(CancellationToken.None))!.Value;
        _queue.Done(key);

        _queue.AddRateLimited(key);
        _time.Advance(TimeSpan.FromMilliseconds(4));
        _queue.Count.Should().Be(0);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        _queue.Count.Should().Be(1);
        _queue.Failures(A).Should().Be(1);
        _metrics.Retries.Should().Be(1);
    }

    [Fact]
    public void AddRateLimited_RepeatedFailures_DelayDoubles()
    {
        _queue.AddRateLimited(A);
        _time.Advance(TimeSpan.FromMilliseconds(5));
        _queue.Count.Should().Be(1);
        _ = _queue.GetAsync(CancellationToken.None);
        _queue.Done(A);

        _queue.AddRateLimited(A);
        _time.Advance(TimeSpan.FromMilliseconds(9));
        _queue.Count.Should().Be(0);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        _queue.Count.Should().Be(1);
    }

    [Fact]
    public void Forget_AfterFailures_ResetsBackoff()
    {
        _queue.AddRateLimited(A);
        _queue.AddRateLimited(A);
        _queue.AddRateLimited(A);

        _queue.Forget(A);

        _queue.Failures(A).Should().Be(0);
    }

    [Fact]
    public void AddAfter_Delay_QueuesOnlyWhenDue()
    {
        _queue.AddAfter(A, TimeSpan.FromSeconds(10));

        _time.Advance(TimeSpan.FromSeconds(9.999));
        _queue.Count.Should().Be(0);
        _queue.DelayedCount.Should().Be(1);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        _queue.Count.Should().Be(1);
        _queue.DelayedCount.Should().Be(0);
    }

    [Fact]
    public void AddAfter_LaterThenSooner_KeepsTheSoonerOnly()
    {
        _queue.AddAfter(A, TimeSpan.FromSeconds(30));
        _queue.AddAfter(A, TimeSpan.FromSeconds(5));
        _queue.AddAfter(A, TimeSpan.FromSeconds(20));

        _time.Advance(TimeSpan.FromSeconds(5));
        _queue.Count.Should().Be(1);
        _queue.DelayedCount.Should().Be(0);
    }

    [Fact]
    public void AddAfter_ZeroDelay_QueuesAtOnce()
    {
        _queue.AddAfter(A, TimeSpan.Zero);

        _queue.Count.Should().Be(1);
    }

    [Fact]
    public async Task ShutDownAsync_KeyInFlight_WaitsForDone()
    {
        _queue.Add(A);
        _queue.Add(B);
        var key = (await _queue.GetAsync(CancellationToken.None))!.Value;

        var shutdown = _queue.ShutDownAsync(CancellationToken.None);

        shutdown.IsCompleted.Should().BeFalse();
        _queue.Add(A);
        (await _queue.GetAsync(CancellationToken.None)).Should().BeNull("no key is handed out after shutdown");
        _queue.Done(key);
        await shutdown.WaitAsync(TimeSpan.FromSeconds(5));
        _queue.Count.Should().Be(0);
    }

    [Fact]
    public async Task ShutDownAsync_WaitingWorkers_ReceiveNull()
    {
        var first = _queue.GetAsync(CancellationToken.None);
        var second = _queue.GetAsync(CancellationToken.None);

        await _queue.ShutDownAsync(CancellationToken.None);

        (await first.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeNull();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeNull();
    }

    [Fact]
    public void ShutDownAsync_PendingDelayedAdds_AreDropped()
    {
        _queue.AddAfter(A, TimeSpan.FromSeconds(1));

        _ = _queue.ShutDownAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));

        _queue.Count.Should().Be(0);
        _queue.IsShuttingDown.Should().BeTrue();
    }

    [Fact]
    public async Task Metrics_KeyWaitedAndWorked_ReportsLatencyAndDuration()
    {
        _queue.Add(A);
        _time.Advance(TimeSpan.FromSeconds(2));
        var key = (await _queue.GetAsync(CancellationToken.None))!.Value;
        _time.Advance(TimeSpan.FromSeconds(3));

        _queue.Done(key);

        _metrics.Latencies.Should().Equal(TimeSpan.FromSeconds(2));
        _metrics.Durations.Should().Equal(TimeSpan.FromSeconds(3));
        _metrics.Depth.Should().Be(0);
    }

    [Fact]
    public void Constructor_InvalidOptions_ReportsEveryProblem()
    {
        var options = new WorkQueueOptions { BaseRetryDelay = TimeSpan.Zero, Burst = 0, TokensPerSecond = -1 };

        var act = () => new WorkQueue(options, _time);

        act.Should().Throw<ArgumentException>()
            .WithMessage("*BaseRetryDelay*").WithMessage("*Burst*").WithMessage("*TokensPerSecond*");
    }
}
