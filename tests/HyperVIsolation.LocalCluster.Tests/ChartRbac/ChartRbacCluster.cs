using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.LocalCluster.Running;
using HyperVIsolation.SimulatedNodes;
using HyperVIsolation.SimulatedNodes.Agent;
using HyperVIsolation.SimulatedNodes.Pool;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.LocalCluster.Tests.ChartRbac;

/// <summary>
/// The chart installed with the real Helm into a local API server that enforces RBAC, with the operator and a node
/// agent per simulated node running in this process under the chart's service accounts (TokenRequest tokens).
/// The chart's Deployment and DaemonSet pods never run (nothing here runs containers); the same code runs in
/// process instead, configured from the installed Deployment, so every request it makes is authorized exactly
/// as the chart's RBAC allows. The simulated kubelets and scheduler use the administrator token: they stand in
/// for cluster components, not for anything the chart installs.
/// </summary>
public sealed class ChartRbacCluster : IAsyncLifetime
{
    public const string Release = "hyperv-isolation";
    public const string ReleaseNamespace = "hyperv-isolation";

    /// <summary>The values the chart is installed (and rendered, for its comments) with.</summary>
    public static readonly string[] Values = ["--set", "nodeAgent.enabled=true"];

    private readonly ClientBinaries binaries = new();
    private readonly Stack<Func<ValueTask>> stops = new();
    private readonly int webhookPort = LoopbackPorts.Next();
    private ApiServer? server;
    private Kubernetes? admin;
    private Task<string>? lifecycle;

    public ApiServer Server => server ?? throw new InvalidOperationException("not started");

    /// <summary>The service account user the operator runs as.</summary>
    public static string OperatorUser => $"system:serviceaccount:{ReleaseNamespace}:{Release}";

    /// <summary>The service account user the node agents run as.</summary>
    public static string NodeAgentUser => $"system:serviceaccount:{ReleaseNamespace}:{Release}-node-agent";

    /// <summary>What <c>helm install</c> printed.</summary>
    public string InstallOutput { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await binaries.EnsureInstalledAsync();
        server = await ApiServer.StartAsync(
            new LocalApiServerOptions
            {
                EnforceRbac = true,
                GarbageCollectionInterval = TimeSpan.FromMilliseconds(200),

                // The chart's webhook configurations name its Service; the API server reaches the in-process
                // operator's webhook there, and checks its certificate against the Service's DNS name.
                WebhookServices = new Dictionary<string, Uri> { [$"{ReleaseNamespace}/{Release}"] = new($"https://127.0.0.1:{webhookPort}/") },
            },
            CancellationToken.None);
        stops.Push(server.DisposeAsync);
        admin = server.CreateClient();

        var install = await HelmAsync(["install", Release, "charts/hyperv-isolation", "--namespace", ReleaseNamespace, "--create-namespace", .. Values]);
        install.ExitCode.Should().Be(0, install.Output);
        InstallOutput = install.Output;

        var nodes = await SimulatedNodeCluster.StartAsync(
            admin, await NodePoolConfigReader.ReadFileAsync(Path.Combine(RepositoryPaths.Root, "src", "HyperVIsolation.LocalCluster", "local-cluster-nodes.yaml"), CancellationToken.None),
            SimulatedNodeSettings.Fast(NullLoggerFactory.Instance), CancellationToken.None);
        stops.Push(nodes.DisposeAsync);
        server.ContainerLogs = new SimulatedContainerLogSource(nodes);

        var agentKubeconfig = await ServiceAccountKubeconfigAsync($"{Release}-node-agent");
        var agents = await SimulatedNodeAgents.StartAsync(nodes, () => new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(agentKubeconfig)));
        stops.Push(agents.DisposeAsync);

        var deployment = await admin.AppsV1.ReadNamespacedDeploymentAsync(Release, ReleaseNamespace);
        var metricsPort = LoopbackPorts.Next();
        var operatorHost = ChartOperator.Create(deployment, await ServiceAccountKubeconfigAsync(Release), webhookPort, metricsPort);
        stops.Push(() => StopAsync(operatorHost));
        await operatorHost.StartAsync();
        await WaitReadyAsync(new Uri($"http://127.0.0.1:{metricsPort}/readyz"));
    }

    public async Task DisposeAsync()
    {
        admin?.Dispose();
        while (stops.TryPop(out var stop))
        {
            await stop();
        }

        binaries.DeleteHome();
    }

    /// <summary>Runs the workload lifecycle once (both tests need it, in whichever order they run); its kubectl transcript.</summary>
    public Task<string> LifecycleAsync()
    {
        lock (stops)
        {
            return lifecycle ??= new WorkloadLifecycle(this).RunAsync();
        }
    }

    /// <summary>kubectl as the cluster administrator.</summary>
    public Task<(int ExitCode, string Output)> KubectlAsync(params string[] arguments) =>
        binaries.RunAsync(ClientBinaries.Kubectl, ["--kubeconfig", Server.KubeconfigPath, "--request-timeout=30s", .. arguments], TimeSpan.FromMinutes(3));

    /// <summary>helm as the cluster administrator.</summary>
    public Task<(int ExitCode, string Output)> HelmAsync(IReadOnlyList<string> arguments) =>
        binaries.RunAsync(ClientBinaries.Helm, ["--kubeconfig", Server.KubeconfigPath, .. arguments], TimeSpan.FromMinutes(3));

    private async Task<string> ServiceAccountKubeconfigAsync(string serviceAccount)
    {
        var request = new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = 3600 } };
        var token = await admin!.CoreV1.CreateNamespacedServiceAccountTokenAsync(request, serviceAccount, ReleaseNamespace);
        var path = Path.Combine(binaries.Home, $"{serviceAccount}.kubeconfig");
        await Server.WriteKubeconfigAsync(path, token.Status.Token, CancellationToken.None);
        return path;
    }

    private static async ValueTask StopAsync(WebApplication host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await host.StopAsync(timeout.Token);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static async Task WaitReadyAsync(Uri readyz)
    {
        using var http = new HttpClient();
        var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(readyz);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the operator was not ready at {readyz} within a minute");
    }
}
