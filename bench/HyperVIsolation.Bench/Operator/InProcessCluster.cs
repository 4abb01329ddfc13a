using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HyperVIsolation.Api;
using HyperVIsolation.Bench.Operator.Floor;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.Operator.Hosting;
using HyperVIsolation.Operator.Reconciliation;
using HyperVIsolation.SimulatedNodes;
using HyperVIsolation.SimulatedNodes.Pool;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Bench.Operator;

/// <summary>
/// The local API server, simulated Windows nodes (fast VM boots) and the operator host, all in this
/// process, each talking over HTTPS loopback with its own User-Agent so writes can be attributed.
/// </summary>
internal sealed class InProcessCluster : IAsyncDisposable
{
    private readonly List<Kubernetes> clients = [];
    private SimulatedNodeCluster? nodes;
    private WebApplication? operatorHost;

    private InProcessCluster(ApiServer server) => Server = server;

    /// <summary>The API server.</summary>
    public ApiServer Server { get; }

    /// <summary>Records the writes of every client this cluster made (enabled during the rollout) for the floor's replay.</summary>
    public WriteRecorder Recorder { get; } = new();

    /// <summary>The running operator host, once started.</summary>
    public WebApplication? OperatorHost => operatorHost;

    /// <summary>Starts the API server (history large enough for the run) with request counting available.</summary>
    public static async Task<InProcessCluster> StartServerAsync(int expectedObjects, CancellationToken cancellationToken)
    {
        var server = await ApiServer.StartAsync(new LocalApiServerOptions { WatchHistoryCapacity = Math.Max(10_000, expectedObjects * 10) }, cancellationToken);
        return new InProcessCluster(server);
    }

    /// <summary>
    /// A client of the server sending <paramref name="product"/> as its User-Agent, reading response bodies
    /// asynchronously as the operator's own client does.
    /// </summary>
    public Kubernetes Client(string product)
    {
        var client = new Kubernetes(
            KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.KubeconfigPath), Recorder.Handler(product), new UserAgentHandler(product), new ResponseBufferingHandler());
        clients.Add(client);
        return client;
    }

    /// <summary>Installs the operator's CRDs from <c>config/crd</c> of the repository.</summary>
    public async Task InstallCrdsAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var client = Client(BenchClients.Bench);
        foreach (var file in Directory.GetFiles(Path.Combine(repositoryRoot, "config", "crd"), "*_*.yaml"))
        {
            var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(file, cancellationToken));
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Registers enough LTSC 2022 Hyper-V nodes for <paramref name="pods"/> pods and starts their scheduler and kubelets.</summary>
    public async Task StartNodesAsync(int pods, int podsPerNode, CancellationToken cancellationToken)
    {
        var group = new NodeGroupConfig
        {
            Name = "win22",
            Count = (pods / Math.Max(1, podsPerNode - 10)) + 1,
            WindowsBuild = "ltsc2022",
            Cpu = "256",
            Memory = "1Ti",
            Pods = podsPerNode,
            VmBootTime = TimeSpan.FromMilliseconds(20),

            // Every Hyper-V pod requests one utility VM; the node agent would advertise them (no agent runs here).
            ExtendedResources = new Dictionary<string, string> { [WellKnownResources.HyperVVm] = podsPerNode.ToString(CultureInfo.InvariantCulture) },
            Labels = new Dictionary<string, string> { [WellKnownLabels.NodeReady] = "true" },
        };
        nodes = await SimulatedNodeCluster.StartAsync(Client(BenchClients.Nodes), new NodePoolConfig { Groups = [group] }, new SimulatedNodeClusterOptions(), cancellationToken);
    }

    /// <summary>Starts the operator host with the workload controllers and <paramref name="workers"/> reconcile workers.</summary>
    public async Task StartOperatorAsync(int workers, CancellationToken cancellationToken)
    {
        var client = Client(BenchClients.Operator);
        var webhookPort = FreePort();
        operatorHost = HyperVIsolation.Operator.Hosting.OperatorHost.Create([], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Operator:Kubeconfig"] = Server.KubeconfigPath,
                ["Operator:ListenAddress"] = "127.0.0.1",
                ["Operator:MetricsPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
                ["Webhook:Port"] = webhookPort.ToString(CultureInfo.InvariantCulture),
                ["Webhook:ManageConfigurations"] = "true",
                ["Webhook:Url"] = $"https://127.0.0.1:{webhookPort}",
                // No node agent runs here to set the vm-verified condition its readiness gate waits for.
                ["Operator:PodReadinessGate"] = "false",
                ["Operator:Workers"] = workers.ToString(CultureInfo.InvariantCulture),
                ["Operator:LeaderElection:LeaseNamespace"] = "default",
                ["Operator:LeaderElection:Identity"] = "bench",
                ["Operator:ShutdownTimeout"] = "10s",
            });
            builder.Services.AddSingleton<IKubernetes>(client);
            builder.Services.AddIsolatedWorkloadControllers();
        });
        await operatorHost.StartAsync(cancellationToken);

        // The rollout's pod creates go through the operator's webhooks, as in production: wait until they are registered.
        using var bench = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.KubeconfigPath));
        while ((await bench.AdmissionregistrationV1.ListValidatingWebhookConfigurationAsync(cancellationToken: cancellationToken)).Items.Count == 0
            || (await bench.AdmissionregistrationV1.ListMutatingWebhookConfigurationAsync(cancellationToken: cancellationToken)).Items.Count == 0)
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Stops and disposes the operator host (its caches become garbage).</summary>
    public async Task StopOperatorAsync()
    {
        if (operatorHost is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await operatorHost.StopAsync(timeout.Token);
        await operatorHost.DisposeAsync();
        operatorHost = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopOperatorAsync();
        if (nodes is not null)
        {
            await nodes.DisposeAsync();
        }

        clients.ForEach(c => c.Dispose());
        await Server.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
