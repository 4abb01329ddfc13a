using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.SimulatedNodes.Kubelet;
using HyperVIsolation.SimulatedNodes.Pool;
using HyperVIsolation.SimulatedNodes.Scheduling;
using k8s;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Tests.Integration;

/// <summary>A local API server with a simulated node pool, started per test for isolation.</summary>
internal sealed class SimulatedClusterFixture : IAsyncDisposable
{
    private SimulatedClusterFixture(LocalApiServer.Hosting.LocalApiServer server, Kubernetes client, SimulatedNodeCluster cluster)
    {
        Server = server;
        Client = client;
        Cluster = cluster;
    }

    public LocalApiServer.Hosting.LocalApiServer Server { get; }

    public Kubernetes Client { get; }

    public SimulatedNodeCluster Cluster { get; }

    public static async Task<SimulatedClusterFixture> StartAsync(params NodeGroupConfig[] groups)
    {
        var server = await LocalApiServer.Hosting.LocalApiServer.StartAsync(
            new LocalApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(300), GarbageCollectionInterval = TimeSpan.FromMilliseconds(100) },
            CancellationToken.None);
        var client = server.CreateClient();
        var pool = new NodePoolConfig { Groups = groups, HeartbeatInterval = TimeSpan.FromMilliseconds(300) };
        var options = new SimulatedNodeClusterOptions
        {
            Scheduler = new SchedulerLoopOptions { RetryInterval = TimeSpan.FromSeconds(1), WatchRetryDelay = TimeSpan.FromMilliseconds(200) },
            Kubelet = new KubeletLoopOptions
            {
                ResyncInterval = TimeSpan.FromSeconds(1),
                SandboxRetryInterval = TimeSpan.FromMilliseconds(500),
                CrashLoopBackOff = TimeSpan.FromMilliseconds(500),
                WatchRetryDelay = TimeSpan.FromMilliseconds(200),
            },
        };
        var cluster = await SimulatedNodeCluster.StartAsync(client, pool, options, CancellationToken.None);
        return new SimulatedClusterFixture(server, client, cluster);
    }

    public static NodeGroupConfig Group(string name, string build, bool allowList = true, int count = 1) => new()
    {
        Name = name,
        Count = count,
        WindowsBuild = build,
        Cpu = "4",
        Memory = "16Gi",
        HandlerAllowListConfigured = allowList,
        VmBootTime = TimeSpan.FromMilliseconds(200),
    };

    public async Task<V1Pod> WaitForPodAsync(string name, Func<V1Pod, bool> condition, string because)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        V1Pod? pod = null;
        while (DateTime.UtcNow < deadline)
        {
            pod = await Client.CoreV1.ReadNamespacedPodAsync(name, "default");
            if (condition(pod))
            {
                return pod;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Pod {name} never {because}; last status: {KubernetesJson.Serialize(pod?.Status)}");
    }

    public async Task<V1Pod> CreatePodAsync(V1Pod pod) => await Client.CoreV1.CreateNamespacedPodAsync(pod, "default");

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
