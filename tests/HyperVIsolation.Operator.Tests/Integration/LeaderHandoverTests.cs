using System.Diagnostics;
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
}
