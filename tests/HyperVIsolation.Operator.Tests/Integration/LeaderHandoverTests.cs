using System.Diagnostics;
using HyperVIsolation.Operator.Reconciliation;
using HyperVIsolation.Operator.Tests.Hosting;

namespace HyperVIsolation.Operator.Tests.Integration;

public sealed class LeaderHandoverTests
{
    [Fact]
    public async Task LeaderStoppedDuringScaleUp_FollowerTakesOverWithinLease_NoDuplicatePods()
    {
        await using var cluster = await OperatorCluster.StartAsync(OperatorCluster.Group("win22", "ltsc2022", 2));
        var (first, _) = await cluster.StartOperatorAsync("replica-a");
        (await Hosting.Eventually.TrueAsync(() => first.Election.IsLeader, TimeSpan.FromSeconds(15))).Should().BeTrue();
        var (second, _) = await cluster.StartOperatorAsync("replica-b");
        await cluster.CreateNamespaceAsync("handover");
        await cluster.CreateWorkloadAsync(TestWorkloads.NanoServer("handover", "web", replicas: 2));
        await cluster.WaitForReadyAsync("handover", "web", 2);
        await using var monitor = new PodCountMonitor(cluster, "handover", "web", readyFloorStartsAt: int.MaxValue);

        await cluster.PatchWorkloadAsync("handover", "web", """{"spec":{"replicas":5}}""");
        var stopwatch = Stopwatch.StartNew();
        await cluster.StopOperatorAsync(first);
        var tookOver = await Hosting.Eventually.TrueAsync(() => second.Election.IsLeader, TestOperatorHost.LeaseDuration + TimeSpan.FromSeconds(5));

        tookOver.Should().BeTrue($"the follower leads within the lease duration plus a few seconds (waited {stopwatch.Elapsed})");
        await cluster.WaitForReadyAsync("handover", "web", 5);
        monitor.MaxActive.Should().BeLessThanOrEqualTo(5, "the new leader starts from the API's state, never from a stale guess");
    }

    [Fact]
    public async Task LeaderKilled_FollowerTakesOverAndReconciles()
    {
        await using var cluster = await OperatorCluster.StartAsync(OperatorCluster.Group("win22", "ltsc2022", 2));
        var killSwitch = new KillSwitchHandler();
        var (leader, _) = await cluster.StartOperatorAsync("replica-a", killSwitch);
        (await Hosting.Eventually.TrueAsync(() => leader.Election.IsLeader, TimeSpan.FromSeconds(15))).Should().BeTrue();
        var (follower, _) = await cluster.StartOperatorAsync("replica-b");
        using var followerReconciles = new ReconcileCounter(follower, IsolatedWorkloadControllers.WorkloadControllerName);
        await cluster.CreateNamespaceAsync("failover");
        await cluster.CreateWorkloadAsync(TestWorkloads.NanoServer("failover", "web", replicas: 2));
        await cluster.WaitForReadyAsync("failover", "web", 2);
        var reconciledWhileFollowing = followerReconciles.Count;

        // Killed, not stopped: the Lease is not released, so the follower must wait for it to expire.
        killSwitch.Kill();
        await cluster.PatchWorkloadAsync("failover", "web", """{"spec":{"replicas":3}}""");
        var tookOver = await Hosting.Eventually.TrueAsync(() => follower.Election.IsLeader, TestOperatorHost.LeaseDuration + TimeSpan.FromSeconds(20));
        var reconciled = await Hosting.Eventually.TrueAsync(() => followerReconciles.Count > 0, TimeSpan.FromSeconds(20));

        reconciledWhileFollowing.Should().Be(0, "a follower does not reconcile");
        tookOver.Should().BeTrue("the follower takes the Lease once the killed leader's expires");
        reconciled.Should().BeTrue("the new leader reconciles the workload changed while nobody led");
        await cluster.WaitForReadyAsync("failover", "web", 3);
    }
}
