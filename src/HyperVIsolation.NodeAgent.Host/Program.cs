using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.NodeAgent.Cri;
using HyperVIsolation.NodeAgent.Hcs;
using HyperVIsolation.NodeAgent.Host;
using HyperVIsolation.NodeAgent.Hosting;
using HyperVIsolation.NodeAgent.Inspection;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSingleton<IKubernetes>(_ => new Kubernetes(KubernetesClientConfiguration.IsInCluster()
    ? KubernetesClientConfiguration.InClusterConfig()
    : KubernetesClientConfiguration.BuildDefaultConfig()));
var containerdExecutable = Path.Combine(Path.GetDirectoryName(options.ContainerdConfigPath) ?? ".", "containerd.exe");
builder.Services.AddSingleton<IHostInspector>(new WindowsHostInspector(containerdExecutable));
builder.Services.AddSingleton<IContainerdService, WindowsContainerdService>();
builder.Services.AddSingleton<CriEndpoint>(criEndpoint);
builder.Services.AddSingleton<IHostComputeService, ComputeCoreHostComputeService>();
builder.Services.AddNodeAgent(options);
await builder.Build().RunAsync();
return 0;
