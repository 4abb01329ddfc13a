using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HyperVIsolation.Bench.Operator;
using HyperVIsolation.ControllerRuntime.ApiAccess;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Bench.Startup;

/// <summary>
/// Start-up of the operator process against the local API server holding <c>--workloads</c> IsolatedWorkloads: from
/// process start until its caches have synced (<c>/readyz</c> 200) and it holds the Lease. Each run uses a Lease of
/// its own (a fresh namespace), so no run waits for the previous one's Lease to expire.
/// </summary>
internal static class StartupBenchmark
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(60);

    /// <summary>Seeds the server, then starts and kills the operator <see cref="StartupBenchmarkSettings.Runs"/> times.</summary>
    public static async Task<IReadOnlyList<StartupRun>> RunAsync(StartupBenchmarkSettings settings, CancellationToken cancellationToken)
    {
        await using var cluster = await InProcessCluster.StartServerAsync(settings.Workloads * 2, cancellationToken);
        var client = cluster.Client(BenchClients.Bench);
        await cluster.InstallCrdsAsync(settings.RepositoryRoot, cancellationToken);
        var workloads = new OperatorBenchmarkSettings { Workloads = settings.Workloads, RepositoryRoot = settings.RepositoryRoot };
        await WorkloadRollout.CreateNamespacesAsync(client, workloads.Namespaces, cancellationToken);
        await WorkloadRollout.CreateAsync(client, workloads, cancellationToken);
        Console.WriteLine($"{settings.Workloads} IsolatedWorkloads in the cluster; {settings.Runs} starts of the operator process");

        using var http = new HttpClient();
        var runs = new List<StartupRun>();
        for (var i = 0; i < settings.Runs; i++)
        {
            var leaseNamespace = $"startup-{i}";
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = leaseNamespace } }, cancellationToken: cancellationToken);
            var run = await StartOnceAsync(settings.OperatorAssembly, cluster.Server.KubeconfigPath, client, http, leaseNamespace, $"startup-{i}", cancellationToken);
            runs.Add(run);
            Console.WriteLine($"  run {i + 1}: synced {Seconds(run.ToSynced)}, leading {Seconds(run.ToLeading)}, CPU {run.CpuMilliseconds:F0} ms, RSS {run.ResidentMegabytes:F0} MB");
        }

        return runs;
    }

    private static async Task<StartupRun> StartOnceAsync(string assembly, string kubeconfig, IKubernetes client, HttpClient http, string leaseNamespace, string identity, CancellationToken cancellationToken)
    {
        var metricsPort = FreePort();
        var clock = Stopwatch.StartNew();
        await using var process = OperatorProcess.Start(assembly, kubeconfig, new Dictionary<string, string>
        {
            ["Operator:ListenAddress"] = "127.0.0.1",
            ["Operator:MetricsPort"] = metricsPort.ToString(CultureInfo.InvariantCulture),
            ["Webhook:Port"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Operator:LeaderElection:LeaseNamespace"] = leaseNamespace,
            ["Operator:LeaderElection:Identity"] = identity,
        });
        TimeSpan? synced = null;
        TimeSpan? leading = null;
        while ((synced is null || leading is null) && clock.Elapsed < RunLimit && !process.HasExited)
        {
            synced ??= await IsReadyAsync(http, metricsPort, cancellationToken) ? clock.Elapsed : null;
            leading ??= await HoldsLeaseAsync(client, leaseNamespace, identity, cancellationToken) ? clock.Elapsed : null;
            await Task.Delay(Poll, cancellationToken);
        }

        if (synced is null || leading is null)
        {
            Console.WriteLine($"  the operator did not become ready and leading within {RunLimit.TotalSeconds:F0} s; its last lines:{Environment.NewLine}{process.LastLines}");
        }

        return new StartupRun(synced, leading, process.HasExited ? 0 : process.CpuTime.TotalMilliseconds, process.HasExited ? 0 : process.ResidentBytes / 1048576.0);
    }

    private static async Task<bool> IsReadyAsync(HttpClient http, int port, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/readyz"), cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<bool> HoldsLeaseAsync(IKubernetes client, string leaseNamespace, string identity, CancellationToken cancellationToken)
    {
        try
        {
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync("hyperv-isolation-operator", leaseNamespace, cancellationToken: cancellationToken);
            return lease.Spec?.HolderIdentity == identity;
        }
        catch (Exception e) when (ApiFailure.Is(e, HttpStatusCode.NotFound))
        {
            return false;
        }
    }

    private static string Seconds(TimeSpan? time) => time is { } value ? $"{value.TotalSeconds:F2} s" : "never";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
