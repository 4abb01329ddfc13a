using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HyperVIsolation.ControllerRuntime.Hosting;
using HyperVIsolation.ControllerRuntime.Leadership;
using HyperVIsolation.ControllerRuntime.Startup;
using HyperVIsolation.Operator.Hosting;
using HyperVIsolation.Operator.Reconciliation;
using HyperVIsolation.Soak.Running;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Bench.Failover;

/// <summary>One operator replica in this process: the whole host with the workload controllers, a kill switch and clocks.</summary>
internal sealed class FailoverReplica : IAsyncDisposable
{
    private readonly KillSwitchHandler killSwitch;
    private readonly Kubernetes client;
    private readonly FirstReconcileClock reconciles = new();
    private readonly WebApplication host;
    private readonly Task<long> leading;

    private FailoverReplica(string identity, ApiServer server, FailoverBenchmarkSettings settings)
    {
        Identity = identity;
        killSwitch = new KillSwitchHandler();
        client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath), killSwitch, new ResponseBufferingHandler());
        host = OperatorHost.Create([], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Operator:Kubeconfig"] = server.KubeconfigPath,
                ["Operator:ListenAddress"] = "127.0.0.1",
                ["Operator:MetricsPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
                ["Webhook:Port"] = FreePort().ToString(CultureInfo.InvariantCulture),
                ["Operator:LeaderElection:LeaseNamespace"] = "default",
                ["Operator:LeaderElection:Identity"] = identity,
                ["Operator:LeaderElection:LeaseDuration"] = Seconds(settings.LeaseDuration),
                ["Operator:LeaderElection:RenewDeadline"] = Seconds(settings.RenewDeadline),
                ["Operator:LeaderElection:RetryPeriod"] = Seconds(settings.RetryPeriod),
                ["Operator:ShutdownTimeout"] = "5s",
            });
            builder.Services.AddSingleton<IKubernetes>(client);
            builder.Services.AddSingleton<IControllerInstrumentation>(reconciles);
            builder.Services.AddIsolatedWorkloadControllers();
        });
        leading = host.Services.GetRequiredService<LeaderElectionService>().WaitForLeadershipAsync(CancellationToken.None)
            .ContinueWith(_ => Stopwatch.GetTimestamp(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The replica's identity on the Lease.</summary>
    public string Identity { get; }

    /// <summary>The timestamp at which this replica started leading.</summary>
    public Task<long> Leading => leading;

    /// <summary>The timestamp at which this replica's first reconcile began.</summary>
    public Task<long> FirstReconcile => reconciles.First;

    /// <summary>Whether the replica is ready to take over: its start-up barrier (webhook serving) has passed.</summary>
    public bool IsStandingBy => host.Services.GetRequiredService<StartupBarrier>().IsPassed;

    /// <summary>Starts a replica.</summary>
    public static async Task<FailoverReplica> StartAsync(string identity, ApiServer server, FailoverBenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var replica = new FailoverReplica(identity, server, settings);
        await replica.host.StartAsync(cancellationToken);
        return replica;
    }

    /// <summary>Cuts the replica off from the API server, as a killed process.</summary>
    public void Kill() => killSwitch.Kill();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await host.StopAsync(timeout.Token);
        }
        finally
        {
            await host.DisposeAsync();
            client.Dispose();
        }
    }

    private static string Seconds(TimeSpan value) => ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
