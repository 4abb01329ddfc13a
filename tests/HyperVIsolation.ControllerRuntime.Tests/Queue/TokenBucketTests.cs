using HyperVIsolation.ControllerRuntime.Queue;
using Microsoft.Extensions.Time.Testing;

namespace HyperVIsolation.ControllerRuntime.Tests.Queue;

public sealed class TokenBucketTests
{
    [Fact]
    public void Reserve_BeyondBurst_SpreadsAtTheRate()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(tokensPerSecond: 10, burst: 3, time);

        var delays = Enumerable.Range(0, 5).Select(_ => bucket.Reserve()).ToList();

        delays.Should().Equal(
            TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Reserve_AfterIdle_RefillsUpToBurstOnly()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(tokensPerSecond: 10, burst: 2, time);
        bucket.Reserve();
        bucket.Reserve();

        time.Advance(TimeSpan.FromMinutes(1));

        bucket.Reserve().Should().Be(TimeSpan.Zero);
        bucket.Reserve().Should().Be(TimeSpan.Zero);
        bucket.Reserve().Should().Be(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void WorkQueue_RetryStormBeyondBurst_IsDelayedByTheBucket()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue(new WorkQueueOptions { TokensPerSecond = 1, Burst = 2 }, time);

        queue.AddRateLimited(new ObjectKey("ns", "a"));
        queue.AddRateLimited(new ObjectKey("ns", "b"));
        queue.AddRateLimited(new ObjectKey("ns", "c"));
        time.Advance(TimeSpan.FromMilliseconds(5));

        queue.Count.Should().Be(2, "the third retry waits for a token although its own backoff is 5 ms");
        time.Advance(TimeSpan.FromSeconds(1));
        queue.Count.Should().Be(3);
    }
}
