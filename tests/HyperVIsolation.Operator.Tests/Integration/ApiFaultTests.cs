namespace HyperVIsolation.Operator.Tests.Integration;

public sealed class ApiFaultTests
{
    [Fact]
    public async Task RolloutAndScale_Under503sAndWatchDrops_FinalStateRightWithoutDuplicates()
    {
        await using var cluster = await OperatorCluster.StartAsync(OperatorCluster.Group("win22", "ltsc2022", 2));
        var (_, requests) = await cluster.StartOperatorAsync("faults");
        await cluster.CreateNamespaceAsync("faults");
        await cluster.CreateWorkloadAsync(TestWorkloads.NanoServer("faults", "web", replicas: 3, maxSurge: 1, maxUnavailable: 0));
        await cluster.WaitForReadyAsync("faults", "web", 3);
        await using var monitor = new PodCountMonitor(cluster, "faults", "web", readyFloorStartsAt: int.MaxValue);

        requests.FailureRate = 0.2;
        await cluster.PatchWorkloadAsync("faults", "web", """{"spec":{"replicas":4,"template":{"annotations":{"revision":"2"}}}}""");
        for (var drop = 0; drop < 5; drop++)
        {
            // Mid-rollout: every watch (the operator's informers, the kubelets', the scheduler's) ends at once.
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            cluster.Server.Store.CloseAllWatches();
        }

        await cluster.WaitForReadyAsync("faults", "web", 4, TimeSpan.FromSeconds(60));

        requests.InjectedFailures.Should().BeGreaterThan(0);
        var pods = await cluster.PodsAsync("faults", "web");
        pods.Should().HaveCount(4).And.OnlyContain(pod => pod.Metadata.Annotations["revision"] == "2");
        monitor.MaxActive.Should().BeLessThanOrEqualTo(5, "replicas 4 plus maxSurge 1, even when calls fail and watches drop");
    }
}
