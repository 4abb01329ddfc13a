using System.Diagnostics;
using HyperVIsolation.Api;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.SimulatedNodes;
using HyperVIsolation.SimulatedNodes.Agent;
using HyperVIsolation.SimulatedNodes.Pool;
using k8s;
using k8s.Models;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Bench.NodeAgent;

/// <summary>
/// The real node agent on one simulated node with N Hyper-V pods, in this process: how long from a pod's sandbox
/// being ready to its VM being verified, and what the agent costs in steady state, measured as the difference
/// between a window with the agent running and one, right after, without it (same pods, same process).
/// </summary>
internal static class AgentBenchmark
{
    private const string Namespace = "default";

    /// <summary>Runs the benchmark for one pod count.</summary>
    public static async Task<AgentBenchmarkResult> RunAsync(int pods, TimeSpan window, TimeSpan resync, CancellationToken cancellationToken)
    {
        await using var server = await ApiServer.StartAsync(new LocalApiServerOptions(), cancellationToken);
        using var client = server.CreateClient();
        var group = new NodeGroupConfig
        {
            Name = "bench",
            WindowsBuild = "ltsc2022",
            Cpu = "256",
            Memory = "1Ti",
            Pods = pods + 10,
            VmBootTime = TimeSpan.FromMilliseconds(20),
        };
        await using var nodes = await SimulatedNodeCluster.StartAsync(client, new NodePoolConfig { Groups = [group] }, new SimulatedNodeClusterOptions(), cancellationToken);
        SimulatedNodeAgents? agents = await SimulatedNodeAgents.StartAsync(nodes, server.CreateClient, configure: options => options with { ResyncInterval = resync }, cancellationToken: cancellationToken);
        try
        {
            await client.NodeV1.CreateRuntimeClassAsync(RuntimeClass(), cancellationToken: cancellationToken);
            var latencies = await CreateAndVerifyAsync(client, pods, cancellationToken);

            // Let the kubelet, the API server and the runtime settle after the burst of creates (their work after it
            // would otherwise land in the first window and be charged to the agent), then the steady state with the
            // agent re-verifying every pod each resync, then the same without it.
            await Task.Delay(window, cancellationToken);
            var (withCpu, withHeap) = await MeasureWindowAsync(window, cancellationToken);
            await agents.DisposeAsync();
            agents = null;
            var (withoutCpu, withoutHeap) = await MeasureWindowAsync(window, cancellationToken);
            var sorted = latencies.Order().ToList();
            return new AgentBenchmarkResult(
                pods,
                sorted.Count,
                Percentile(sorted, 0.50),
                Percentile(sorted, 0.99),
                (withCpu - withoutCpu).TotalMilliseconds / window.TotalSeconds,
                (withHeap - withoutHeap) / (1024.0 * 1024.0),
                window.TotalSeconds);
        }
        finally
        {
            if (agents is not null)
            {
                await agents.DisposeAsync();
            }
        }
    }

    // Reads the pods every 20 ms and records, per pod, when its sandbox was first seen ready and its VM first seen verified.
    private static async Task<List<double>> CreateAndVerifyAsync(Kubernetes client, int pods, CancellationToken cancellationToken)
    {
        var sandboxReady = new Dictionary<string, long>();
        var verified = new Dictionary<string, long>();
        for (var i = 0; i < pods; i++)
        {
            await client.CoreV1.CreateNamespacedPodAsync(Pod($"bench-{i:D4}"), Namespace, cancellationToken: cancellationToken);
        }

        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 300);
        while (verified.Count < pods && Stopwatch.GetTimestamp() < deadline)
        {
            var list = await client.CoreV1.ListNamespacedPodAsync(Namespace, cancellationToken: cancellationToken);
            var now = Stopwatch.GetTimestamp();
            foreach (var pod in list.Items)
            {
                if (Condition(pod, "PodReadyToStartContainers"))
                {
                    sandboxReady.TryAdd(pod.Metadata.Name, now);
                }

                if (Condition(pod, VmVerification.ConditionType))
                {
                    verified.TryAdd(pod.Metadata.Name, now);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }

        return [.. verified.Select(pair => Stopwatch.GetElapsedTime(sandboxReady[pair.Key], pair.Value).TotalMilliseconds)];
    }

    private static async Task<(TimeSpan Cpu, long Heap)> MeasureWindowAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.TotalProcessorTime;
        await Task.Delay(window, cancellationToken);
        process.Refresh();
        var cpu = process.TotalProcessorTime - before;
        return (cpu, GC.GetTotalMemory(forceFullCollection: true));
    }

    private static bool Condition(V1Pod pod, string type) =>
        pod.Status?.Conditions?.Any(c => c.Type == type && c.Status == "True") == true;

    private static double Percentile(List<double> sorted, double share) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];

    private static V1RuntimeClass RuntimeClass() => new()
    {
        Metadata = new V1ObjectMeta { Name = "hyperv" },
        Handler = "runhcs-wcow-hypervisor",
        Scheduling = new V1Scheduling
        {
            NodeSelector = new Dictionary<string, string> { [WellKnownLabels.Os] = "windows" },
            Tolerations = [new V1Toleration { Key = "os", OperatorProperty = "Equal", Value = "windows", Effect = "NoSchedule" }],
        },
    };

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Annotations = new Dictionary<string, string> { [HcsAnnotations.MemorySizeInMb] = "2048" } },
        Spec = new V1PodSpec
        {
            RuntimeClassName = "hyperv",
            Containers = [new V1Container { Name = "app", Image = "mcr.microsoft.com/windows/nanoserver:ltsc2022" }],
            ReadinessGates = [new V1PodReadinessGate { ConditionType = VmVerification.ConditionType }],
        },
    };
}
