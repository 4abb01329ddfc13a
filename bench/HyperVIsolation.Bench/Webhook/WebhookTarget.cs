using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HyperVIsolation.Operator.Hosting;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Bench.Webhook;

/// <summary>
/// The webhook as it runs in production: the whole operator host (caches, CA Secret, rotated certificate,
/// telemetry) against a local API server seeded with a tenant namespace, its policy, a Hyper-V RuntimeClass
/// and a ready Windows node. The operator registers its webhooks at its loopback URL and the benchmark
/// creates one pod through the API server to get the stored, mutated pod that validation sees.
/// </summary>
internal sealed class WebhookTarget : IAsyncDisposable
{
    private readonly ApiServer server;
    private readonly WebApplication host;

    private WebhookTarget(ApiServer server, WebApplication host, int port, V1Pod storedPod)
    {
        this.server = server;
        this.host = host;
        Port = port;
        StoredPod = storedPod;
    }

    /// <summary>The webhook's HTTPS port.</summary>
    public int Port { get; }

    /// <summary>A tenant pod after the API server's admission chain (mutated by the webhook).</summary>
    public V1Pod StoredPod { get; }

    /// <summary>A new client of the API server the operator's webhooks are registered with.</summary>
    public Kubernetes CreateApiClient() => server.CreateClient();

    /// <summary>The operator host's services, for in-process measurements of its handler.</summary>
    public IServiceProvider Services => host.Services;

    /// <summary>Starts the API server and the operator and waits until the webhook is registered.</summary>
    public static async Task<WebhookTarget> StartAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var server = await TenantApiServer.StartAsync(repositoryRoot, cancellationToken).ConfigureAwait(false);
        using var client = server.CreateClient();

        var port = FreePort();
        var host = OperatorHost.Create([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Operator:Kubeconfig"] = server.KubeconfigPath,
            ["Operator:ListenAddress"] = "127.0.0.1",
            ["Operator:MetricsPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Webhook:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Operator:LeaderElection:LeaseNamespace"] = "default",
            ["Operator:LeaderElection:Identity"] = "bench",
            ["Webhook:ManageConfigurations"] = "true",
            ["Webhook:Url"] = $"https://127.0.0.1:{port}",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        while ((await client.AdmissionregistrationV1.ListValidatingWebhookConfigurationAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Items.Count == 0)
        {
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        var stored = await client.CoreV1.CreateNamespacedPodAsync(PodReviews.Submitted("stored"), PodReviews.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new WebhookTarget(server, host, port, stored);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await host.StopAsync().ConfigureAwait(false);
        await host.DisposeAsync().ConfigureAwait(false);
        await server.DisposeAsync().ConfigureAwait(false);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
