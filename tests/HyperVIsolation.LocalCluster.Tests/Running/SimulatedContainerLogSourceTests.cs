using System.Diagnostics;
using HyperVIsolation.Api;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.LocalCluster.Running;
using HyperVIsolation.SimulatedNodes;
using HyperVIsolation.SimulatedNodes.Pool;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace HyperVIsolation.LocalCluster.Tests.Running;

/// <summary><c>kubectl logs</c> on a pod the simulated kubelet runs in a Hyper-V utility VM.</summary>
public sealed class SimulatedContainerLogSourceTests
{
    private static string Kubectl => Path.Combine(RepositoryPaths.Root, ".tools", "opt", "kubectl", "kubectl");

    [Fact]
    public async Task KubectlLogs_HyperVPod_PrintsWhatTheContainerRanAndItsUtilityVm()
    {
        await using var server = await LocalApiServer.Hosting.LocalApiServer.StartAsync(new LocalApiServerOptions(), CancellationToken.None);
        using var client = server.CreateClient();
        var pool = new NodePoolConfig
        {
            Groups = [new NodeGroupConfig { Name = "win", Count = 1, WindowsBuild = "ltsc2022", Cpu = "4", Memory = "16Gi", VmBootTime = TimeSpan.FromMilliseconds(100) }],
            HeartbeatInterval = TimeSpan.FromMilliseconds(300),
        };
        await using var nodes = await SimulatedNodeCluster.StartAsync(client, pool, SimulatedNodeSettings.Fast(NullLoggerFactory.Instance), CancellationToken.None);
        server.ContainerLogs = new SimulatedContainerLogSource(nodes);
        await client.NodeV1.CreateRuntimeClassAsync(HyperVClass());
        await client.CoreV1.CreateNamespacedPodAsync(HyperVPod(), "default");
        await WaitRunningAsync(client);

        var all = await KubectlAsync(server, "logs", "logged-vm");
        var tail = await KubectlAsync(server, "logs", "logged-vm", "--tail=1", "--timestamps");

        all.ExitCode.Should().Be(0, all.Error);
        all.Output.Should().Contain("on node win-0 (Windows build 10.0.20348)")
            .And.MatchRegex("Hyper-V isolation: running inside utility VM \\S+ \\(\\d+ MB memory, \\d+ vCPU\\)")
            .And.Contain("Started container \"app\" from image mcr.microsoft.com/windows/nanoserver:ltsc2022 (attempt 0)");
        tail.Output.Should().MatchRegex("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z Started container \"app\"[^\\n]*\\n$");
    }

    private static async Task WaitRunningAsync(Kubernetes client)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var pod = await client.CoreV1.ReadNamespacedPodAsync("logged-vm", "default");
            if (pod.Status?.Phase == "Running")
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the pod did not start");
    }

    private static async Task<(int ExitCode, string Output, string Error)> KubectlAsync(LocalApiServer.Hosting.LocalApiServer server, params string[] arguments)
    {
        if (!File.Exists(Kubectl))
        {
            using var install = Process.Start("bash", Path.Combine(RepositoryPaths.Root, "scripts", "install-tools.sh"));
            await install.WaitForExitAsync();
        }

        var start = new ProcessStartInfo(Kubectl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["--kubeconfig", server.KubeconfigPath, "--request-timeout=20s", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = Path.GetTempPath();
        start.Environment.Remove("KUBECONFIG");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await output, await error);
    }

    private static V1RuntimeClass HyperVClass() => new()
    {
        Metadata = new V1ObjectMeta { Name = "hyperv" },
        Handler = "runhcs-wcow-hypervisor",
        Scheduling = new V1Scheduling
        {
            NodeSelector = new Dictionary<string, string> { [WellKnownLabels.Os] = "windows" },
            Tolerations = [new V1Toleration { Key = "os", OperatorProperty = "Equal", Value = "windows", Effect = "NoSchedule" }],
        },
    };

    private static V1Pod HyperVPod() => new()
    {
        Metadata = new V1ObjectMeta { Name = "logged-vm" },
        Spec = new V1PodSpec
        {
            RuntimeClassName = "hyperv",
            Containers = [new V1Container { Name = "app", Image = "mcr.microsoft.com/windows/nanoserver:ltsc2022" }],
        },
    };
}
