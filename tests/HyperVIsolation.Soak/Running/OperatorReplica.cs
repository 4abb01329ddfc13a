using System.Globalization;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Leadership;
using HyperVIsolation.ControllerRuntime.Startup;
using HyperVIsolation.LocalApiServer.Admission;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.Operator.Hosting;
using HyperVIsolation.Operator.Reconciliation;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Soak.Running;

/// <summary>
/// One operator replica in this process, as the chart deploys it: the whole host with the workload controllers and the
/// webhook (registered by URL through the <see cref="WebhookFrontDoor"/> that stands in for the Service), with a kill switch.
/// </summary>
public sealed class OperatorReplica : IAsyncDisposable
{
    /// <summary>The soak's Lease duration: short, so a killed leader is replaced within seconds.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);

    private readonly KillSwitchHandler killSwitch = new();
    private readonly Kubernetes client;
    private readonly WebApplication host;

    private OperatorReplica(string identity, ApiServer server, Uri webhookUrl)
    {
        Identity = identity;
        WebhookPort = LoopbackPorts.Next();
        client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath), killSwitch, new ResponseBufferingHandler());
        host = OperatorHost.Create([], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Operator:Kubeconfig"] = server.KubeconfigPath,
                ["Operator:ListenAddress"] = "127.0.0.1",
                ["Operator:MetricsPort"] = LoopbackPorts.Next().ToString(CultureInfo.InvariantCulture),
                ["Operator:LeaderElection:LeaseNamespace"] = "default",
                ["Operator:LeaderElection:Identity"] = identity,
                ["Operator:LeaderElection:LeaseDuration"] = "3s",
                ["Operator:LeaderElection:RenewDeadline"] = "2s",
                ["Operator:LeaderElection:RetryPeriod"] = "400ms",
                ["Operator:ShutdownTimeout"] = "5s",
                ["Webhook:Port"] = WebhookPort.ToString(CultureInfo.InvariantCulture),
                ["Webhook:ManageConfigurations"] = "true",
                ["Webhook:Url"] = webhookUrl.ToString().TrimEnd('/'),

                // In a cluster the operator's service account is the trusted pod creator; here it is the kubeconfig's user.
                ["Webhook:TrustedUsers:0"] = AdmissionUser.Administrator.Name,
            });
            builder.Services.AddSingleton<IKubernetes>(client);
            builder.Services.AddIsolatedWorkloadControllers();
        });
    }

    /// <summary>The replica's identity on the Lease.</summary>
    public string Identity { get; }

    /// <summary>The port its webhook listens on.</summary>
    public int WebhookPort { get; }

    /// <summary>Whether it was killed.</summary>
    public bool IsKilled => killSwitch.IsKilled;

    /// <summary>Whether it holds the Lease (a killed replica may still believe so until its renew deadline passes).</summary>
    public bool IsLeader => !IsKilled && host.Services.GetRequiredService<LeaderElectionService>().IsLeader;

    /// <summary>Whether its webhook serves the trusted certificate (its start-up barrier has passed) and it was not killed.</summary>
    public bool IsServing => !IsKilled && host.Services.GetRequiredService<StartupBarrier>().IsPassed;

    /// <summary>Starts a replica.</summary>
    public static async Task<OperatorReplica> StartAsync(string identity, ApiServer server, Uri webhookUrl, CancellationToken cancellationToken)
    {
        var replica = new OperatorReplica(identity, server, webhookUrl);
        await replica.host.StartAsync(cancellationToken);
        return replica;
    }

    /// <summary>Cuts the replica off from the API server, as a killed process.</summary>
    public void Kill() => killSwitch.Kill();

    /// <summary>How many objects of type <typeparamref name="T"/> its informers hold.</summary>
    public int Cached<T>()
        where T : class, IKubernetesObject<k8s.Models.V1ObjectMeta> =>
        host.Services.GetServices<IInformerStatus>().OfType<ResourceInformer<T>>().Sum(informer => informer.Count);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping took too long: disposing ends what is left.
        }
        finally
        {
            await host.DisposeAsync();
            client.Dispose();
        }
    }
}
