using System.Globalization;
using HyperVIsolation.LocalApiServer.Admission;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.Operator.Hosting;
using HyperVIsolation.Operator.NetworkIsolation;
using HyperVIsolation.Operator.Reconciliation;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.LocalCluster.Running;

/// <summary>
/// The operator host running in this process against the local API server's kubeconfig, on free
/// loopback ports, with the workload controllers registered as the operator's own command does.
/// </summary>
internal sealed class InProcessOperator : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private readonly WebApplication app;

    private InProcessOperator(WebApplication app, Uri metricsUri)
    {
        this.app = app;
        MetricsUri = metricsUri;
    }

    /// <summary>Where <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> are served.</summary>
    public Uri MetricsUri { get; }

    /// <summary>Starts the operator and waits until <c>/readyz</c> answers 200 (its caches synced).</summary>
    /// <param name="kubeconfigPath">The cluster to work on.</param>
    /// <param name="verbose">Log to the console.</param>
    /// <param name="registerWebhook">
    /// Register the admission webhook by its loopback URL: only the local API server, in this process's
    /// network, can call it. Another cluster's API server cannot, and with <c>failurePolicy: Fail</c> a
    /// registration it cannot reach would stop every pod in covered namespaces, so there it stays off.
    /// </param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="TimeoutException">The operator did not become ready in time.</exception>
    public static async Task<InProcessOperator> StartAsync(string kubeconfigPath, bool verbose, bool registerWebhook, CancellationToken cancellationToken)
    {
        var metricsPort = LoopbackPorts.Next();
        var webhookPort = LoopbackPorts.Next();
        var app = OperatorHost.Create([], builder =>
        {
            if (!verbose)
            {
                builder.Logging.ClearProviders();
            }

            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Operator:Kubeconfig"] = kubeconfigPath,
                ["Operator:ListenAddress"] = "127.0.0.1",
                ["Operator:MetricsPort"] = metricsPort.ToString(CultureInfo.InvariantCulture),
                ["Webhook:Port"] = webhookPort.ToString(CultureInfo.InvariantCulture),
                ["Operator:LeaderElection:LeaseNamespace"] = "default",
                ["Operator:LeaderElection:Identity"] = "local-cluster",
                ["Operator:ShutdownTimeout"] = "10s",

                // The local API server cannot route to a Service, so the webhook is registered by URL.
                ["Webhook:ManageConfigurations"] = registerWebhook ? "true" : "false",
                ["Webhook:Url"] = registerWebhook ? $"https://127.0.0.1:{webhookPort}" : null,

                // In a cluster the operator's service account is the trusted pod creator whose VM
                // sizing (from spec.vm) the mutator keeps; here the operator uses the kubeconfig's user.
                ["Webhook:TrustedUsers:0"] = AdmissionUser.Administrator.Name,
            });
            builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
            builder.Services.AddIsolatedWorkloadControllers();
            builder.Services.AddNetworkIsolationController();
        });
        var running = new InProcessOperator(app, new Uri($"http://127.0.0.1:{metricsPort}/"));
        try
        {
            await app.StartAsync(cancellationToken);
            await running.WaitReadyAsync(cancellationToken);
            return running;
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await app.StopAsync(timeout.Token);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var readyz = new Uri(MetricsUri, "readyz");
        var deadline = DateTimeOffset.UtcNow + ReadyTimeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(readyz, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The operator was not ready at {readyz} within {ReadyTimeout.TotalSeconds:0} s.");
    }
}
