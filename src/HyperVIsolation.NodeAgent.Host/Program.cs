using HyperVIsolation.ControllerRuntime.Hosting;
using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.NodeAgent.Cri;
using HyperVIsolation.NodeAgent.Hcs;
using HyperVIsolation.NodeAgent.Host;
using HyperVIsolation.NodeAgent.Hosting;
using HyperVIsolation.NodeAgent.Inspection;
using HyperVIsolation.NodeAgent.Observability;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

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

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseKestrel(kestrel => kestrel.ListenAnyIP(metricsPort));
builder.Services.AddOpenTelemetry()
    .ConfigureResource(resource => resource.AddService("hyperv-isolation-node-agent"))
    .WithMetrics(metrics => metrics.AddMeter(VmStatistics.MeterName).AddPrometheusExporter());
builder.Services.AddSingleton<IKubernetes>(_ => new Kubernetes(KubernetesClientConfiguration.IsInCluster()
    ? KubernetesClientConfiguration.InClusterConfig()
    : KubernetesClientConfiguration.BuildDefaultConfig()));
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
