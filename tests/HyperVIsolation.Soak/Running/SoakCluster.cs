using HyperVIsolation.Api;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.NodeAgent.Hosting;
using HyperVIsolation.Operator.Manifests;
using HyperVIsolation.SimulatedNodes;
using HyperVIsolation.SimulatedNodes.Agent;
using HyperVIsolation.SimulatedNodes.Kubelet;
using HyperVIsolation.SimulatedNodes.Pool;
using HyperVIsolation.SimulatedNodes.Scheduling;
using HyperVIsolation.Soak.Plan;
using k8s;
using k8s.Models;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Soak.Running;

/// <summary>
/// The cluster a soak runs against, all in this process: the local API server with our CRDs, simulated Windows nodes
/// (scheduler, kubelets, CRI, HCS) each with its real node agent, and two operator replicas serving the webhook
/// behind a <see cref="WebhookFrontDoor"/>.
/// </summary>
public sealed class SoakCluster : IAsyncDisposable
{
    private SoakCluster(ApiServer server, Kubernetes client)
    {
        Server = server;
        Client = client;
        Operators = new OperatorReplicaSet(server);
        FrontDoor = new WebhookFrontDoor(Operators.ServingWebhookPorts);
    }

    /// <summary>The API server.</summary>
    public ApiServer Server { get; }

    /// <summary>The soak driver's client (it sees the injected faults like everyone else).</summary>
    public Kubernetes Client { get; }

    /// <summary>The simulated nodes.</summary>
    public SimulatedNodeCluster Nodes { get; private set; } = null!;

    /// <summary>The node agents, one per node.</summary>
    public SimulatedNodeAgents Agents { get; private set; } = null!;

    /// <summary>The operator replicas.</summary>
    public OperatorReplicaSet Operators { get; }

    /// <summary>The webhook's stable address.</summary>
    public WebhookFrontDoor FrontDoor { get; }

    /// <summary>Starts everything and waits until a replica leads with its webhook serving.</summary>
    public static async Task<SoakCluster> StartAsync(SoakSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var server = await ApiServer.StartAsync(
            new LocalApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(500), GarbageCollectionInterval = TimeSpan.FromMilliseconds(100) },
            cancellationToken);
        var cluster = new SoakCluster(server, server.CreateClient());
        try
        {
            await cluster.InstallAsync(settings, cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Operators.DisposeAsync();
        await FrontDoor.DisposeAsync();
        if (Agents is not null)
        {
            await Agents.DisposeAsync();
        }

        if (Nodes is not null)
        {
            await Nodes.DisposeAsync();
        }

        Client.Dispose();
        await Server.DisposeAsync();
    }

    private async Task InstallAsync(SoakSettings settings, CancellationToken cancellationToken)
    {
        foreach (var crd in ManifestRenderer.RenderApi().Crds)
        {
            await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesYaml.Deserialize<V1CustomResourceDefinition>(crd.Content), cancellationToken: cancellationToken);
        }

        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = SlotNames.Namespace } }, cancellationToken: cancellationToken);
        Nodes = await SimulatedNodeCluster.StartAsync(Client, NodePool(settings), NodeOptions(), cancellationToken);
        Agents = await SimulatedNodeAgents.StartAsync(Nodes, Server.CreateClient, configure: FastAgent, cancellationToken: cancellationToken);
        await Operators.StartAsync(FrontDoor.Url, cancellationToken);
        await Operators.WaitSettledAsync(TimeSpan.FromSeconds(60), cancellationToken);
    }

    /// <summary>Hyper-V-ready Windows Server 2022 nodes with room for every workload at its largest during a rollout, and quick VM boots.</summary>
    private static NodePoolConfig NodePool(SoakSettings settings) => new()
    {
        HeartbeatInterval = TimeSpan.FromSeconds(1),
        Groups =
        [
            new NodeGroupConfig
            {
                Name = "win22",
                Count = settings.Nodes,
                WindowsBuild = "ltsc2022",
                Cpu = "64",
                Memory = "256Gi",
                VmBootTime = TimeSpan.FromMilliseconds(200),
                Labels = new Dictionary<string, string> { [WellKnownLabels.NodeReady] = "true" },
                ExtendedResources = new Dictionary<string, string> { [WellKnownResources.HyperVVm] = "110" },
            },
        ],
    };

    private static SimulatedNodeClusterOptions NodeOptions() => new()
    {
        RunScheduler = true,
        Scheduler = new SchedulerLoopOptions { RetryInterval = TimeSpan.FromMilliseconds(500), WatchRetryDelay = TimeSpan.FromMilliseconds(200) },
        Kubelet = new KubeletLoopOptions
        {
            ResyncInterval = TimeSpan.FromSeconds(1),
            SandboxRetryInterval = TimeSpan.FromMilliseconds(500),
            CrashLoopBackOff = TimeSpan.FromMilliseconds(500),
            WatchRetryDelay = TimeSpan.FromMilliseconds(200),
        },
    };

    private static NodeAgentOptions FastAgent(NodeAgentOptions options) =>
        options with { RetryInterval = TimeSpan.FromMilliseconds(200), ResyncInterval = TimeSpan.FromSeconds(1) };
}
