using HyperVIsolation.NodeAgent.Hcs;

namespace HyperVIsolation.NodeAgent.Tests.Hcs;

public sealed class HcsOperationTimeoutTests
{
    [Theory]
    [InlineData(30_000, 30_000u)]
    [InlineData(0.2, 1u)]
    [InlineData(1500.5, 1501u)]
    public void ToMilliseconds_RoundsUp(double milliseconds, uint expected)
    {
        HcsOperationTimeout.ToMilliseconds(TimeSpan.FromMilliseconds(milliseconds)).Should().Be(expected);
    }

    [Fact]
    public void ToMilliseconds_HugeTimeout_StaysBelowInfinite()
    {
        HcsOperationTimeout.ToMilliseconds(TimeSpan.FromDays(100)).Should().Be(0xFFFFFFFE);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ToMilliseconds_NotPositive_Throws(int milliseconds)
    {
        var act = () => HcsOperationTimeout.ToMilliseconds(TimeSpan.FromMilliseconds(milliseconds));

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void ToMilliseconds_Infinite_Throws()
    {
        var act = () => HcsOperationTimeout.ToMilliseconds(Timeout.InfiniteTimeSpan);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task TimeLimited_CallThatNeverCompletes_FailsWithTimeout()
    {
        var hcs = new TimeLimitedHostComputeService(new NeverCompletingHostComputeService(), TimeSpan.FromMilliseconds(100));

        var act = () => hcs.EnumerateComputeSystemsAsync(string.Empty, CancellationToken.None);

        (await act.Should().ThrowAsync<HcsException>()).Which.IsTimeout.Should().BeTrue();
    }

    [Fact]
    public async Task TimeLimited_Cancelled_ReturnsAtOnce()
    {
        var hcs = new TimeLimitedHostComputeService(new NeverCompletingHostComputeService(), TimeSpan.FromHours(1));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var act = () => hcs.EnumerateComputeSystemsAsync(string.Empty, cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task TimeLimited_FastCall_PassesTheResultThrough()
    {
        var hcs = new TimeLimitedHostComputeService(new NeverCompletingHostComputeService { Answer = "[]" }, TimeSpan.FromSeconds(5));

        (await hcs.EnumerateComputeSystemsAsync(string.Empty, CancellationToken.None)).Should().Be("[]");
    }

    // Stands in for a stuck computecore call: never completes and ignores cancellation, unless it has an answer.
    private sealed class NeverCompletingHostComputeService : IHostComputeService
    {
        public string? Answer { get; init; }

        public Task<string> EnumerateComputeSystemsAsync(string queryJson, CancellationToken cancellationToken) =>
            Answer is null ? new TaskCompletionSource<string>().Task : Task.FromResult(Answer);

        public Task<IComputeSystem> OpenComputeSystemAsync(string id, CancellationToken cancellationToken) =>
            new TaskCompletionSource<IComputeSystem>().Task;
    }
}
