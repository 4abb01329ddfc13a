using HyperVIsolation.ControllerRuntime.Leadership;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.Operator.Hosting;
using HyperVIsolation.Operator.Manifests;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Operator.Tests.Hosting;

/// <summary>An operator host wired to a local API server, on loopback ports, with short leases and quiet logs.</summary>
internal sealed class TestOperatorHost : IAsyncDisposable
{
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(2);

    private TestOperatorHost(WebApplication app)
    {
        App = app;
        var options = app.Services.GetRequiredService<IOptions<OperatorOptions>>().Value;
        MetricsUri = new Uri($"http://127.0.0.1:{options.MetricsPort}/");
    }

    public WebApplication App { get; }

    public Uri MetricsUri { get; }

    public LeaderElectionService Election => App.Services.GetRequiredService<LeaderElectionService>();

    public static TestOperatorHost Create(ApiServer server, string identity, Action<WebApplicationBuilder>? configure = null)
    {
        var app = OperatorHost.Create([], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Operator:Kubeconfig"] = server.KubeconfigPath,
                ["Operator:ListenAddress"] = "127.0.0.1",
                ["Operator:MetricsPort"] = LoopbackPorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Webhook:Port"] = LoopbackPorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Operator:LeaderElection:LeaseNamespace"] = "default",
                ["Operator:LeaderElection:Identity"] = identity,
                ["Operator:LeaderElection:LeaseDuration"] = "2s",
                ["Operator:LeaderElection:RenewDeadline"] = "1s",
                ["Operator:LeaderElection:RetryPeriod"] = "200ms",
                ["Operator:ShutdownTimeout"] = "10s",
            });
            configure?.Invoke(builder);
        });
        return new TestOperatorHost(app);
    }

    public static async Task InstallCrdsAsync(IKubernetes client)
    {
        foreach (var crd in ManifestRenderer.RenderApi().Crds)
        {
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesYaml.Deserialize<V1CustomResourceDefinition>(crd.Content));
        }
    }

    public async Task<HttpResponseMessage> GetAsync(HttpClient http, string path) => await http.GetAsync(new Uri(MetricsUri, path));

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
    }
}
