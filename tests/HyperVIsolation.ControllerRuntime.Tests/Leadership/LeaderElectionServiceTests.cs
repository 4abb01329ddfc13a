using HyperVIsolation.ControllerRuntime.Leadership;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.ControllerRuntime.Tests.Leadership;

public sealed class LeaderElectionServiceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static readonly LeaderElectionOptions FastOptions = new()
    {
        LeaseName = "operator",
        LeaseNamespace = "hyperv-isolation-system",
        Identity = "replica-a",
        LeaseDuration = TimeSpan.FromSeconds(1),
        RenewDeadline = TimeSpan.FromMilliseconds(300),
        RetryPeriod = TimeSpan.FromMilliseconds(50),
    };

    [Fact]
    public async Task WaitForLeadershipAsync_FreeLease_BecomesLeader()
    {
        using var service = NewService(new FakeLeaseLock("replica-a"));
        await service.StartAsync(CancellationToken.None);

        var term = await service.WaitForLeadershipAsync(CancellationToken.None).WaitAsync(Timeout);

        term.IsCancellationRequested.Should().BeFalse();
        service.IsLeader.Should().BeTrue();
        service.LeadershipToken.Should().Be(term);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task LeaseLost_CancelsTheTermTokenAndCampaignsAgain()
    {
        var leaseLock = new FakeLeaseLock("replica-a");
        using var service = NewService(leaseLock);
        await service.StartAsync(CancellationToken.None);
        var term = await service.WaitForLeadershipAsync(CancellationToken.None).WaitAsync(Timeout);
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = term.Register(lost.SetResult);

        leaseLock.Steal("replica-b");

        await lost.Task.WaitAsync(Timeout);
        service.IsLeader.Should().BeFalse();
        service.LeadershipToken.IsCancellationRequested.Should().BeTrue();
        var next = service.WaitForLeadershipAsync(CancellationToken.None);
        leaseLock.Release();
        // A new term, not the lost one; on a loaded machine the new term may itself end soon after (short test deadlines).
        (await next.WaitAsync(Timeout)).Should().NotBe(term, "it campaigns again after losing and starts a new term");
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StopAsync_WhileLeading_EndsTheTerm()
    {
        using var service = NewService(new FakeLeaseLock("replica-a"));
        await service.StartAsync(CancellationToken.None);
        var term = await service.WaitForLeadershipAsync(CancellationToken.None).WaitAsync(Timeout);

        await service.StopAsync(CancellationToken.None);

        term.IsCancellationRequested.Should().BeTrue();
        service.IsLeader.Should().BeFalse();
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_ReportsEveryProblem()
    {
        var options = new LeaderElectionOptions
        {
            LeaseNamespace = "",
            Identity = " ",
            LeaseDuration = TimeSpan.FromSeconds(5),
            RenewDeadline = TimeSpan.FromSeconds(10),
        };
        using var service = new LeaderElectionService(options, new FakeLeaseLock("x"), NullLogger<LeaderElectionService>.Instance);

        var act = () => service.StartAsync(CancellationToken.None);

        var failure = await act.Should().ThrowAsync<OptionsValidationException>();
        failure.Which.Failures.Should().HaveCount(3);
    }

    [Fact]
    public void Validate_Defaults_NeedOnlyNamespaceAndIdentity()
    {
        new LeaderElectionOptions { LeaseNamespace = "ns", Identity = "pod-1" }.Validate().Should().BeEmpty();
    }

    private static LeaderElectionService NewService(FakeLeaseLock leaseLock) =>
        new(FastOptions, leaseLock, NullLogger<LeaderElectionService>.Instance);
}
