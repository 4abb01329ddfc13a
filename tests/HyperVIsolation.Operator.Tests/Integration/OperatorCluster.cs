using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.NodeAgent.Hosting;
using HyperVIsolation.Operator.Hosting;
using HyperVIsolation.Operator.Reconciliation;
using HyperVIsolation.Operator.Tests.Hosting;
using HyperVIsolation.SimulatedNodes;
using HyperVIsolation.SimulatedNodes.Agent;
using HyperVIsolation.SimulatedNodes.Kubelet;
using HyperVIsolation.SimulatedNodes.Pool;
using HyperVIsolation.SimulatedNodes.Scheduling;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Operator.Tests.Integration;

/// <summary>
/// A local API server with our CRDs, simulated Windows nodes (scheduler and kubelets, fast VM boots) each
/// with its real node agent (which verifies every pod's VM: the readiness gate waits for it), and operator
/// hosts running the workload controllers, each host's client counting its writes.
/// </summary>
internal sealed class OperatorCluster : IAsyncDisposable
{
    private readonly List<SimulatedNodeCluster> nodePools = [];
    private readonly Dictionary<SimulatedNodeCluster, SimulatedNodeAgents> nodeAgents = [];
    private readonly List<TestOperatorHost> operators = [];

    private OperatorCluster(ApiServer server, Kubernetes client)
    {
        Server = server;
        Client = client;
    }

    public ApiServer Server { get; }

    /// <summary>The test's own client (its writes are not counted).</summary>
    public Kubernetes Client { get; }

    public static Task<OperatorCluster> StartAsync(params NodeGroupConfig[] groups) => StartAsync(startAgents: true, groups);

    /// <summary>Starts the cluster; without agents, until <see cref="StartAgentsAsync"/>, no pod's VM is verified.</summary>
    public static Task<OperatorCluster> StartAsync(bool startAgents, params NodeGroupConfig[] groups) => StartAsync(new Dictionary<string, Uri>(), startAgents, groups);

    /// <summary>As <see cref="StartAsync(bool, NodeGroupConfig[])"/>, reaching webhooks registered by Service at <paramref name="webhookServices"/>.</summary>
    public static async Task<OperatorCluster> StartAsync(IReadOnlyDictionary<string, Uri> webhookServices, bool startAgents, params NodeGroupConfig[] groups)
    {
        var server = await ApiServer.StartAsync(
            new LocalApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(500), GarbageCollectionInterval = TimeSpan.FromMilliseconds(100), WebhookServices = webhookServices },
            CancellationToken.None);
        var cluster = new OperatorCluster(server, server.CreateClient());
        await TestOperatorHost.InstallCrdsAsync(cluster.Client);
        await cluster.AddNodesAsync(runScheduler: true, startAgents, groups);
        return cluster;
    }

    /// <summary>A Hyper-V-ready group of nodes with small capacity and 200 ms VM boots (the label and VM capacity the node agent would give it).</summary>
    public static NodeGroupConfig Group(string name, string build, int count = 1) => new()
    {
        Name = name,
        Count = count,
        WindowsBuild = build,
        Cpu = "16",
        Memory = "64Gi",
        VmBootTime = TimeSpan.FromMilliseconds(200),
        Labels = new Dictionary<string, string> { [WellKnownLabels.NodeReady] = "true" },
        ExtendedResources = new Dictionary<string, string> { [WellKnownResources.HyperVVm] = "110" },
    };

    /// <summary>Registers more nodes (the first pool's scheduler places pods on them too), each with its node agent.</summary>
    public Task AddNodesAsync(bool runScheduler, params NodeGroupConfig[] groups) => AddNodesAsync(runScheduler, startAgents: true, groups);

    /// <summary>Registers more nodes; without agents, until <see cref="StartAgentsAsync"/>, no pod's VM is verified.</summary>
    public async Task AddNodesAsync(bool runScheduler, bool startAgents, params NodeGroupConfig[] groups)
    {
        var pool = new NodePoolConfig { Groups = groups, HeartbeatInterval = TimeSpan.FromSeconds(1) };
        var options = new SimulatedNodeClusterOptions
        {
            RunScheduler = runScheduler,
            Scheduler = new SchedulerLoopOptions { RetryInterval = TimeSpan.FromMilliseconds(500), WatchRetryDelay = TimeSpan.FromMilliseconds(200) },
            Kubelet = new KubeletLoopOptions
            {
                ResyncInterval = TimeSpan.FromSeconds(1),
                SandboxRetryInterval = TimeSpan.FromMilliseconds(500),
                CrashLoopBackOff = TimeSpan.FromMilliseconds(500),
                WatchRetryDelay = TimeSpan.FromMilliseconds(200),
            },
        };
        var nodes = await SimulatedNodeCluster.StartAsync(Client, pool, options, CancellationToken.None);
        nodePools.Add(nodes);
        if (startAgents)
        {
            await StartPoolAgentsAsync(nodes);
        }
    }

    /// <summary>Starts the node agents of the nodes added without them.</summary>
    public async Task StartAgentsAsync()
    {
        foreach (var nodes in nodePools.Where(pool => !nodeAgents.ContainsKey(pool)).ToList())
        {
            await StartPoolAgentsAsync(nodes);
        }
    }

    private async Task StartPoolAgentsAsync(SimulatedNodeCluster nodes) =>
        nodeAgents[nodes] = await SimulatedNodeAgents.StartAsync(nodes, Server.CreateClient, configure: FastAgent);

    private static NodeAgentOptions FastAgent(NodeAgentOptions options) =>
        options with { RetryInterval = TimeSpan.FromMilliseconds(200), ResyncInterval = TimeSpan.FromSeconds(1) };

    /// <summary>
    /// Starts an operator host with the workload controllers; its client counts writes and can inject 503s, and with
    /// <paramref name="killSwitch"/> can be cut off from the API server as a killed process.
    /// </summary>
    public async Task<(TestOperatorHost Host, ApiRequestCounter Requests)> StartOperatorAsync(string identity, KillSwitchHandler? killSwitch = null)
    {
        var requests = new ApiRequestCounter();
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.KubeconfigPath);
        var client = killSwitch is null
            ? new Kubernetes(configuration, requests, new ResponseBufferingHandler())
            : new Kubernetes(configuration, killSwitch, requests, new ResponseBufferingHandler());
        var host = TestOperatorHost.Create(Server, identity, builder =>
        {
            builder.Services.AddSingleton<IKubernetes>(client);
            builder.Services.AddIsolatedWorkloadControllers();
        });
        operators.Add(host);
        await host.App.StartAsync();
        return (host, requests);
    }

    public async Task StopOperatorAsync(TestOperatorHost host)
    {
        operators.Remove(host);
        await host.DisposeAsync();
    }

    public async Task CreateNamespaceAsync(string name, IDictionary<string, string>? labels = null) =>
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name, Labels = labels } });

    public async Task CreateWorkloadAsync(IsolatedWorkload workload) =>
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            workload, ApiGroup.Group, ApiGroup.Version, workload.Metadata.NamespaceProperty, IsolatedWorkload.Plural);

    public async Task<IsolatedWorkload> GetWorkloadAsync(string ns, string name) =>
        await Client.CustomObjects.GetNamespacedCustomObjectAsync<IsolatedWorkload>(ApiGroup.Group, ApiGroup.Version, ns, IsolatedWorkload.Plural, name);

    public async Task PatchWorkloadAsync(string ns, string name, string mergePatch) =>
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), ApiGroup.Group, ApiGroup.Version, ns, IsolatedWorkload.Plural, name);

    public async Task<IReadOnlyList<V1Pod>> PodsAsync(string ns, string workload) =>
        (await Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: $"{WellKnownLabels.Workload}={workload}")).Items.ToList();

    public async Task<IReadOnlyList<Corev1Event>> EventsAsync(string ns, string workload) =>
        (await Client.CoreV1.ListNamespacedEventAsync(ns)).Items.Where(e => e.InvolvedObject?.Name == workload).ToList();

    /// <summary>Waits until the workload reports Ready=True for its current generation with the given pods running and ready.</summary>
    public async Task<IsolatedWorkload> WaitForReadyAsync(string ns, string name, int replicas, TimeSpan? timeout = null)
    {
        var workload = await Poll.UntilAsync(
            () => GetWorkloadAsync(ns, name),
            w => w.Status is not null && w.Status.ObservedGeneration == w.Metadata.Generation
                && w.Status.ReadyReplicas == replicas && w.Status.Replicas == replicas && w.Status.UpdatedReplicas == replicas
                && Condition(w, WorkloadConditions.Ready)?.Status == "True",
            $"{ns}/{name} is Ready with {replicas} pods",
            timeout);
        await Poll.UntilAsync(
            () => PodsAsync(ns, name),
            pods => pods.Count(pod => pod.Metadata.DeletionTimestamp is null) == replicas && pods.All(IsReady),
            $"{ns}/{name} has exactly {replicas} ready pods and no terminating ones",
            timeout);
        return workload;
    }

    public async Task<IsolatedWorkload> WaitForStalledAsync(string ns, string name, string reason) =>
        await Poll.UntilAsync(
            () => GetWorkloadAsync(ns, name),
            w => Condition(w, WorkloadConditions.Stalled) is { Status: "True" } stalled && stalled.Reason == reason
                && w.Status?.ObservedGeneration == w.Metadata.Generation,
            $"{ns}/{name} is Stalled with {reason}");

    public static V1Condition? Condition(IsolatedWorkload workload, string type) =>
        workload.Status?.Conditions?.FirstOrDefault(condition => condition.Type == type);

    public static bool IsReady(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is null
        && pod.Status?.Phase == "Running"
        && pod.Status.Conditions?.Any(condition => condition.Type == "Ready" && condition.Status == "True") == true;

    public async ValueTask DisposeAsync()
    {
        foreach (var host in operators.ToList())
        {
            await host.DisposeAsync();
        }

        foreach (var agents in nodeAgents.Values)
        {
            await agents.DisposeAsync();
        }

        foreach (var pool in nodePools)
        {
            await pool.DisposeAsync();
        }

        Client.Dispose();
        await Server.DisposeAsync();
    }
}
