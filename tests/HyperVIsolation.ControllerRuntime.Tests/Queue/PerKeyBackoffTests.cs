using HyperVIsolation.ControllerRuntime.Queue;

namespace HyperVIsolation.ControllerRuntime.Tests.Queue;

public sealed class PerKeyBackoffTests
{
    private static readonly ObjectKey Key = new(null, "node-1");

    [Fact]
    public void NextDelay_RepeatedFailures_DoublesFromFiveMillisecondsToTheCap()
    {
        var backoff = new PerKeyBackoff(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));

        var delays = Enumerable.Range(0, 20).Select(_ => backoff.NextDelay(Key).TotalMilliseconds).ToList();

        delays.Take(6).Should().Equal(5, 10, 20, 40, 80, 160);
        delays[17].Should().Be(655_360);
        delays[18].Should().Be(1_000_000, "the delay is capped at 1000 s");
        delays[19].Should().Be(1_000_000);
    }

    [Fact]
    public void NextDelay_VeryLongStreak_StaysAtTheCap()
    {
        var backoff = new PerKeyBackoff(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));

        for (var i = 0; i < 5_000; i++)
        {
            backoff.NextDelay(Key);
        }

        backoff.NextDelay(Key).Should().Be(TimeSpan.FromSeconds(1000));
    }

    [Fact]
    public void Forget_AfterFailures_StartsOverAtBase()
    {
        var backoff = new PerKeyBackoff(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        backoff.NextDelay(Key);
        backoff.NextDelay(Key);

        backoff.Forget(Key);

        backoff.Failures(Key).Should().Be(0);
        backoff.NextDelay(Key).Should().Be(TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public void NextDelay_OtherKey_HasItsOwnCount()
    {
        var backoff = new PerKeyBackoff(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        backoff.NextDelay(Key);
        backoff.NextDelay(Key);

        backoff.NextDelay(new ObjectKey(null, "node-2")).Should().Be(TimeSpan.FromMilliseconds(5));
    }
}
