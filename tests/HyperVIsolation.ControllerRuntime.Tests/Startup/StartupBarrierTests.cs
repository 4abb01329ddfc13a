using HyperVIsolation.ControllerRuntime.Leadership;
using HyperVIsolation.ControllerRuntime.Startup;
using HyperVIsolation.ControllerRuntime.Tests.Leadership;
using Microsoft.Extensions.Logging.Abstractions;

namespace HyperVIsolation.ControllerRuntime.Tests.Startup;

public sealed class StartupBarrierTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task WaitAsync_NoPreconditions_PassesAtOnce()
    {
        using var barrier = Barrier();

        await barrier.WaitAsync(CancellationToken.None).WaitAsync(Timeout);

        barrier.IsPassed.Should().BeTrue();
    }

    [Fact]
    public async Task WaitAsync_OnePreconditionPending_WaitsUntilEveryOneHolds()
    {
        var webhook = new ManualPrecondition("webhook");
        var other = new ManualPrecondition("other");
        using var barrier = Barrier(webhook, other);

        var wait = barrier.WaitAsync(CancellationToken.None);
        other.Meet();
        await Task.Delay(Settle);
        var passedBeforeWebhook = wait.IsCompleted;
        webhook.Meet();
        await wait.WaitAsync(Timeout);

        passedBeforeWebhook.Should().BeFalse("the webhook precondition did not hold yet");
        barrier.IsPassed.Should().BeTrue();
    }

    [Fact]
    public async Task WaitAsync_OneCallerGivesUp_OthersStillPassAndPreconditionsAskedOnce()
    {
        var webhook = new ManualPrecondition("webhook");
        using var barrier = Barrier(webhook);
        using var impatient = new CancellationTokenSource();

        var first = barrier.WaitAsync(impatient.Token);
        var second = barrier.WaitAsync(CancellationToken.None);
        await impatient.CancelAsync();
        webhook.Meet();
        await second.WaitAsync(Timeout);

        await first.Invoking(task => task).Should().ThrowAsync<OperationCanceledException>();
        webhook.Asked.Should().Be(1);
    }

    [Fact]
    public async Task LeaderElection_BarrierNotPassed_DoesNotCampaignUntilItPasses()
    {
        var webhook = new ManualPrecondition("webhook");
        using var barrier = Barrier(webhook);
        var leaseLock = new FakeLeaseLock("replica-a");
        using var election = new LeaderElectionService(
            new LeaderElectionOptions
            {
                LeaseNamespace = "ns",
                Identity = "replica-a",
                LeaseDuration = TimeSpan.FromSeconds(1),
                RenewDeadline = TimeSpan.FromMilliseconds(300),
                RetryPeriod = TimeSpan.FromMilliseconds(50),
            },
            leaseLock,
            barrier,
            NullLogger<LeaderElectionService>.Instance);
        await election.StartAsync(CancellationToken.None);

        await Task.Delay(Settle);
        var leaseBefore = await leaseLock.GetAsync(CancellationToken.None);
        webhook.Meet();
        await election.WaitForLeadershipAsync(CancellationToken.None).WaitAsync(Timeout);
        await election.StopAsync(CancellationToken.None);

        leaseBefore.Should().BeNull("a replica whose webhook cannot answer must not take the Lease");
    }

    private static StartupBarrier Barrier(params IStartupPrecondition[] preconditions) =>
        new(preconditions, TimeProvider.System, NullLogger<StartupBarrier>.Instance);
}
