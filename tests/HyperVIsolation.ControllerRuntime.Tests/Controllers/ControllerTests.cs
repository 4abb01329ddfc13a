using System.Collections.Concurrent;
using HyperVIsolation.ControllerRuntime.Controllers;
using HyperVIsolation.ControllerRuntime.Queue;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HyperVIsolation.ControllerRuntime.Tests.Controllers;

public sealed class ControllerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_ManyWorkersAndReAdds_NeverReconcilesAKeyConcurrently()
    {
        using var queue = new WorkQueue();
        var reconciler = new ConcurrencyTrackingReconciler();
        var controller = NewController(queue, reconciler, workers: 6);
        using var cts = new CancellationTokenSource();
        var run = controller.RunAsync(cts.Token);
        var keys = Enumerable.Range(0, 8).Select(i => new ObjectKey("ns", $"w{i}")).ToArray();

        for (var round = 0; round < 300; round++)
        {
            queue.Add(keys[round % keys.Length]);
            if (round % 16 == 0)
            {
                await Task.Yield();
            }
        }

        await WaitUntilAsync(() => queue.Count == 0 && reconciler.InFlight == 0 && reconciler.Calls >= keys.Length);
        await cts.CancelAsync();
        await run.WaitAsync(Timeout);
        reconciler.MaxConcurrentPerKey.Should().Be(1);
        reconciler.MaxConcurrentOverall.Should().BeGreaterThan(1, "distinct keys do run in parallel");
        reconciler.Seen.Should().BeEquivalentTo(keys);
    }

    [Fact]
    public async Task RunAsync_ReconcilerThrows_RetriesWithBackoffAndWorkerSurvives()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue(new WorkQueueOptions(), time);
        var key = new ObjectKey("ns", "flaky");
        var attempts = 0;
        var reconciler = new DelegateReconciler((_, _) => Interlocked.Increment(ref attempts) < 3
            ? throw new InvalidOperationException("boom")
            : Task.FromResult(ReconcileResult.Done));
        using var cts = new CancellationTokenSource();
        var run = NewController(queue, reconciler, workers: 1).RunAsync(cts.Token);

        queue.Add(key);
        await WaitUntilAsync(() => Volatile.Read(ref attempts) == 1 && queue.DelayedCount == 1);
        time.Advance(TimeSpan.FromMilliseconds(5));
        await WaitUntilAsync(() => Volatile.Read(ref attempts) == 2 && queue.DelayedCount == 1);
        time.Advance(TimeSpan.FromMilliseconds(9));
        queue.Count.Should().Be(0, "the second retry waits 10 ms");
        time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitUntilAsync(() => Volatile.Read(ref attempts) == 3);

        await WaitUntilAsync(() => queue.Failures(key) == 0);
        await cts.CancelAsync();
        await run.WaitAsync(Timeout);
    }

    [Fact]
    public async Task RunAsync_FailedResult_IsRetriedAndDoneForgets()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue(new WorkQueueOptions(), time);
        var results = new Queue<ReconcileResult>([ReconcileResult.Failed("not yet"), ReconcileResult.Done]);
        var reconciler = new DelegateReconciler((_, _) => Task.FromResult(results.Dequeue()));
        using var cts = new CancellationTokenSource();
        var run = NewController(queue, reconciler, workers: 1).RunAsync(cts.Token);
        var key = new ObjectKey(null, "x");

        queue.Add(key);
        await WaitUntilAsync(() => queue.DelayedCount == 1);
        queue.Failures(key).Should().Be(1);
        time.Advance(TimeSpan.FromMilliseconds(5));
        await WaitUntilAsync(() => results.Count == 0 && queue.Failures(key) == 0);

        await cts.CancelAsync();
        await run.WaitAsync(Timeout);
    }

    [Fact]
    public async Task RunAsync_RequeueAfter_ReconcilesAgainWhenDue()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue(new WorkQueueOptions(), time);
        var calls = 0;
        var reconciler = new DelegateReconciler((_, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(1)));
        });
        using var cts = new CancellationTokenSource();
        var run = NewController(queue, reconciler, workers: 1).RunAsync(cts.Token);

        queue.Add(new ObjectKey("ns", "poll"));
        await WaitUntilAsync(() => queue.DelayedCount == 1);
        Volatile.Read(ref calls).Should().Be(1);
        time.Advance(TimeSpan.FromMinutes(1));
        await WaitUntilAsync(() => Volatile.Read(ref calls) == 2);

        await cts.CancelAsync();
        await run.WaitAsync(Timeout);
    }

    [Fact]
    public async Task RunAsync_TokenCancelledMidReconcile_StopsAtOnceAndKeepsKeyQueued()
    {
        using var queue = new WorkQueue();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconciler = new DelegateReconciler(async (_, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(System.Threading.Timeout.Infinite, ct);
            return ReconcileResult.Done;
        });
        using var cts = new CancellationTokenSource();
        var run = NewController(queue, reconciler, workers: 2).RunAsync(cts.Token);
        queue.Add(new ObjectKey("ns", "long"));
        await started.Task.WaitAsync(Timeout);

        await cts.CancelAsync();

        await run.WaitAsync(Timeout);
        queue.Count.Should().Be(1, "the next leader term must reconcile the interrupted key");
    }

    [Fact]
    public async Task StopAsync_ReconcileInFlight_WaitsForItToFinish()
    {
        using var queue = new WorkQueue();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconciler = new DelegateReconciler(async (_, _) =>
        {
            started.TrySetResult();
            await release.Task;
            return ReconcileResult.Done;
        });
        var controller = NewController(queue, reconciler, workers: 2);
        var run = controller.RunAsync(CancellationToken.None);
        queue.Add(new ObjectKey("ns", "slow"));
        await started.Task.WaitAsync(Timeout);

        var stop = controller.StopAsync(CancellationToken.None);
        await Task.Delay(50);
        stop.IsCompleted.Should().BeFalse();
        release.SetResult();

        await stop.WaitAsync(Timeout);
        await run.WaitAsync(Timeout);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        using var queue = new WorkQueue();

        var act = () => new Controller(
            queue, new ConcurrencyTrackingReconciler(), new ControllerOptions { Workers = 0, Name = " " }, NullLogger<Controller>.Instance);

        act.Should().Throw<ArgumentException>().WithMessage("*Workers*").WithMessage("*Name*");
    }

    private static Controller NewController(WorkQueue queue, IReconciler reconciler, int workers) =>
        new(queue, reconciler, new ControllerOptions { Name = "test", Workers = workers }, NullLogger<Controller>.Instance);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should become true");
            await Task.Delay(2);
        }
    }

    private sealed class DelegateReconciler(Func<ObjectKey, CancellationToken, Task<ReconcileResult>> reconcile) : IReconciler
    {
        public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken) =>
            reconcile(key, cancellationToken);
    }

    private sealed class ConcurrencyTrackingReconciler : IReconciler
    {
        private readonly ConcurrentDictionary<ObjectKey, int> _running = new();
        private int _inFlight;
        private int _calls;
        private int _maxPerKey;
        private int _maxOverall;

        public int InFlight => Volatile.Read(ref _inFlight);

        public int Calls => Volatile.Read(ref _calls);

        public int MaxConcurrentPerKey => Volatile.Read(ref _maxPerKey);

        public int MaxConcurrentOverall => Volatile.Read(ref _maxOverall);

        public ConcurrentDictionary<ObjectKey, bool> SeenKeys { get; } = new();

        public IEnumerable<ObjectKey> Seen => SeenKeys.Keys;

        public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            SeenKeys[key] = true;
            var perKey = _running.AddOrUpdate(key, 1, (_, n) => n + 1);
            var overall = Interlocked.Increment(ref _inFlight);
            Raise(ref _maxPerKey, perKey);
            Raise(ref _maxOverall, overall);
            await Task.Delay(1, cancellationToken);
            _running.AddOrUpdate(key, 0, (_, n) => n - 1);
            Interlocked.Decrement(ref _inFlight);
            return ReconcileResult.Done;
        }

        private static void Raise(ref int max, int value)
        {
            int current;
            while (value > (current = Volatile.Read(ref max)) && Interlocked.CompareExchange(ref max, value, current) != current)
            {
            }
        }
    }
}
