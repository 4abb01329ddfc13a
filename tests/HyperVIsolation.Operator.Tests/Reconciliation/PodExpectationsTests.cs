using HyperVIsolation.ControllerRuntime.Queue;
using HyperVIsolation.Operator.Reconciliation;
using Microsoft.Extensions.Time.Testing;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

public sealed class PodExpectationsTests
{
    private static readonly ObjectKey Web = new("tenant-a", "web");
    private static readonly ObjectKey Api = new("tenant-a", "api");

    private readonly FakeTimeProvider time = new();

    [Fact]
    public void IsSatisfied_NothingRecorded_True() =>
        new PodExpectations(time).IsSatisfied(Web).Should().BeTrue();

    [Fact]
    public void UntilExpiry_PendingThenPartlyAgedThenFulfilled_CountsDownThenZero()
    {
        var expectations = new PodExpectations(time, TimeSpan.FromMinutes(5));
        expectations.ExpectCreations(Web, 1);
        var fresh = expectations.UntilExpiry(Web);
        time.Advance(TimeSpan.FromMinutes(2));
        var aged = expectations.UntilExpiry(Web);
        expectations.CreationObserved(Web, "web-a");

        fresh.Should().Be(TimeSpan.FromMinutes(5));
        aged.Should().Be(TimeSpan.FromMinutes(3));
        expectations.UntilExpiry(Web).Should().Be(TimeSpan.Zero);
        expectations.UntilExpiry(Api).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void IsSatisfied_CreationsUntilAllObserved_FalseThenTrue()
    {
        var expectations = new PodExpectations(time);
        expectations.ExpectCreations(Web, 2);

        expectations.CreationObserved(Web, "web-a");
        var afterOne = expectations.IsSatisfied(Web);
        expectations.CreationObserved(Web, "web-b");

        afterOne.Should().BeFalse();
        expectations.IsSatisfied(Web).Should().BeTrue();
    }

    [Fact]
    public void CreationObserved_SamePodTwice_CountsOnce()
    {
        var expectations = new PodExpectations(time);
        expectations.ExpectCreations(Web, 2);

        expectations.CreationObserved(Web, "web-a");
        expectations.CreationObserved(Web, "web-a");

        expectations.IsSatisfied(Web).Should().BeFalse("a replayed informer event is not a second pod");
    }

    [Fact]
    public void CreationFailed_LowersExpectation()
    {
        var expectations = new PodExpectations(time);
        expectations.ExpectCreations(Web, 2);

        expectations.CreationObserved(Web, "web-a");
        expectations.CreationFailed(Web);

        expectations.IsSatisfied(Web).Should().BeTrue();
    }

    [Fact]
    public void IsSatisfied_DeletionsByName_OnlyTheNamedPodsCount()
    {
        var expectations = new PodExpectations(time);
        expectations.ExpectDeletions(Web, ["web-a", "web-b"]);

        expectations.DeletionObserved(Web, "web-a");
        expectations.DeletionObserved(Web, "web-unrelated");
        var afterOne = expectations.IsSatisfied(Web);
        expectations.DeletionObserved(Web, "web-b");

        afterOne.Should().BeFalse();
        expectations.IsSatisfied(Web).Should().BeTrue();
    }

    [Fact]
    public void IsSatisfied_UnobservedAfterTimeToLive_True()
    {
        var expectations = new PodExpectations(time);
        expectations.ExpectCreations(Web, 1);

        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var justBefore = expectations.IsSatisfied(Web);
        time.Advance(TimeSpan.FromSeconds(1));

        justBefore.Should().BeFalse();
        expectations.IsSatisfied(Web).Should().BeTrue();
    }

    [Fact]
    public void ExpectCreations_AfterEarlierBatchFulfilled_NewBatchCountsAlone()
    {
        var expectations = new PodExpectations(time);
        expectations.ExpectCreations(Web, 1);
        expectations.CreationObserved(Web, "web-a");

        expectations.ExpectCreations(Web, 2);
        expectations.CreationObserved(Web, "web-b");

        expectations.IsSatisfied(Web).Should().BeFalse();
    }

    [Fact]
    public void ExpectCreations_AfterExpiry_StartsAFreshRecordWithItsOwnClock()
    {
        var expectations = new PodExpectations(time, TimeSpan.FromMinutes(1));
        expectations.ExpectCreations(Web, 1);
        time.Advance(TimeSpan.FromMinutes(2));

        expectations.ExpectCreations(Web, 1);

        expectations.IsSatisfied(Web).Should().BeFalse("the new batch has not expired and the old one is gone");
        time.Advance(TimeSpan.FromMinutes(1));
        expectations.IsSatisfied(Web).Should().BeTrue();
    }

    [Fact]
    public void Expectations_AreKeptPerWorkload()
    {
        var expectations = new PodExpectations(time);
        expectations.ExpectCreations(Web, 1);

        expectations.CreationObserved(Api, "api-a");

        expectations.IsSatisfied(Web).Should().BeFalse();
        expectations.IsSatisfied(Api).Should().BeTrue();
    }

    [Fact]
    public void Forget_DropsExpectations()
    {
        var expectations = new PodExpectations(time);
        expectations.ExpectCreations(Web, 3);

        expectations.Forget(Web);

        expectations.IsSatisfied(Web).Should().BeTrue();
    }

    [Fact]
    public void ExpectCreations_Negative_Throws()
    {
        var act = () => new PodExpectations(time).ExpectCreations(Web, -1);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task Observations_FromManyThreads_AllCounted()
    {
        var expectations = new PodExpectations(time);
        var keys = Enumerable.Range(0, 8).Select(index => new ObjectKey("ns", $"w{index}")).ToList();
        foreach (var key in keys)
        {
            expectations.ExpectCreations(key, 500);
            expectations.ExpectDeletions(key, Enumerable.Range(0, 500).Select(index => $"old-{index}"));
        }

        await Task.WhenAll(keys.Select(key => Task.Run(() =>
        {
            for (var index = 0; index < 500; index++)
            {
                expectations.CreationObserved(key, $"new-{index}");
                expectations.DeletionObserved(key, $"old-{index}");
                _ = expectations.IsSatisfied(key);
            }
        })));

        keys.Should().OnlyContain(key => expectations.IsSatisfied(key));
    }
}
