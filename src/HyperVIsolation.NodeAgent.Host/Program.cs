using HyperVIsolation.ControllerRuntime.Hosting;
using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.NodeAgent.Cri;
using HyperVIsolation.NodeAgent.Hcs;
using HyperVIsolation.NodeAgent.Host;
using HyperVIsolation.NodeAgent.Hosting;
using HyperVIsolation.NodeAgent.Inspection;
using HyperVIsolation.NodeAgent.Observability;
using HyperVIsolation.NodeAgent.Uninstall;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

var (mode, argumentError) = AgentCommandLine.Parse(args);
if (mode == AgentMode.Help)
{
    await (argumentError is null ? Console.Out : Console.Error).WriteLineAsync((argumentError is null ? string.Empty : "error: " + argumentError + "\n") + AgentCommandLine.Usage);
    return argumentError is null ? 0 : 2;
}

if (mode == AgentMode.UninstallProbe)
{
    return File.Exists(UninstallMarker.Path) ? 0 : 1;
}

if (mode == AgentMode.UninstallAllNodes)
{
    return await UninstallAllNodesAsync();
}

if (!OperatingSystem.IsWindows())
{
    await Console.Error.WriteLineAsync("hyperv-isolation-node-agent runs on Windows nodes (a HostProcess pod); the local cluster runs the agent in process against simulated nodes.");
    return 2;
}

var (options, errors) = NodeAgentSettings.Read(Environment.GetEnvironmentVariable);
if (options is null)
{
    foreach (var error in errors)
    {
        await Console.Error.WriteLineAsync("error: " + error);
    }

    return 2;
}

if (mode is AgentMode.Uninstall or AgentMode.UninstallAndHold)
{
    return await UninstallAsync(options, hold: mode == AgentMode.UninstallAndHold);
}

var (metricsPort, metricsPortError) = NodeAgentSettings.ReadMetricsPort(Environment.GetEnvironmentVariable);
if (metricsPortError is not null)
{
    await Console.Error.WriteLineAsync("error: " + metricsPortError);
    return 2;
}

var criPipe = Environment.GetEnvironmentVariable("CRI_ENDPOINT") is { Length: > 0 } pipe ? pipe : NodeAgentSettings.DefaultCriPipe;
NamedPipeCriEndpoint criEndpoint;
try
{
    criEndpoint = NamedPipeCriEndpoint.FromPipePath(criPipe);
}
catch (FormatException e)
{
    await Console.Error.WriteLineAsync("error: CRI_ENDPOINT: " + e.Message);
    return 2;
}

var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseKestrel(kestrel => kestrel.ListenAnyIP(metricsPort));
builder.Services.AddOpenTelemetry()
    .ConfigureResource(resource => resource.AddService("hyperv-isolation-node-agent"))
    .WithMetrics(metrics => metrics.AddMeter(VmStatistics.MeterName).AddPrometheusExporter());
builder.Services.AddSingleton<IKubernetes>(_ => CreateClient());
var containerdExecutable = Path.Combine(Path.GetDirectoryName(options.ContainerdConfigPath) ?? ".", "containerd.exe");
builder.Services.AddSingleton<IHostInspector>(new WindowsHostInspector(containerdExecutable));
builder.Services.AddSingleton<IContainerdService, WindowsContainerdService>();
builder.Services.AddSingleton<CriEndpoint>(criEndpoint);
builder.Services.AddSingleton<IHostComputeService, ComputeCoreHostComputeService>();
builder.Services.AddNodeAgent(options);
var app = builder.Build();
app.MapControllerRuntimeHealth(host: null);
app.MapPrometheusScrapingEndpoint("/metrics");
await app.RunAsync();
return 0;

// The pre-delete hook: only API calls, so it runs anywhere the API is reachable.
static async Task<int> UninstallAllNodesAsync()
{
    var (settings, errors) = UninstallRolloutSettings.Read(Environment.GetEnvironmentVariable);
    if (settings is null)
    {
        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync("error: " + error);
        }

        return 2;
    }

    using var client = CreateClient();
    var rollout = new DaemonSetUninstallRollout(client, TimeProvider.System);
    var (complete, description) = await rollout.RunAsync(
        settings.Namespace, settings.DaemonSet, UninstallRolloutSettings.Container, settings.Timeout, TimeSpan.FromSeconds(5), CancellationToken.None);
    await (complete ? Console.Out : Console.Error).WriteLineAsync((complete ? "uninstalled: " : "error: uninstall did not finish in time: ") + description);
    return complete ? 0 : 1;
}

static Kubernetes CreateClient() => new(KubernetesClientConfiguration.IsInCluster()
    ? KubernetesClientConfiguration.InClusterConfig()
    : KubernetesClientConfiguration.BuildDefaultConfig());

// The uninstall runs once; with --hold the process then waits for its stop (Ctrl+C or the pod's termination) so that
// the DaemonSet does not restart it, and its readiness probe finds the marker.
static async Task<int> UninstallAsync(NodeAgentOptions options, bool hold)
{
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };
    AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
    using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole());
    using var client = CreateClient();
    var uninstaller = new NodeUninstaller(client, new WindowsContainerdService(), options, loggers.CreateLogger<NodeUninstaller>());
    try
    {
        var report = await uninstaller.UninstallAsync(stop.Token);
        await Console.Out.WriteLineAsync($"uninstalled from node {options.NodeName}: {report.Describe()}");
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or ContainerdConfigException or k8s.Autorest.HttpOperationException or HttpRequestException)
    {
        await Console.Error.WriteLineAsync($"error: uninstall from node {options.NodeName} failed: {e.Message}");
        return 1;
    }
    catch (OperationCanceledException)
    {
        await Console.Error.WriteLineAsync("error: uninstall stopped before it finished");
        return 1;
    }

    if (!hold)
    {
        return 0;
    }

    await File.WriteAllTextAsync(UninstallMarker.Path, DateTimeOffset.UtcNow.ToString("O"));
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
        // Stopped: the pod is being deleted with the DaemonSet.
    }

    return 0;
}
