using System.Net.Http.Headers;
using System.Net.Security;
using HyperVIsolation.LocalApiServer.Hosting;
using k8s;
using k8s.Models;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Bench.Operator.Floor;

/// <summary>
/// A second local API server in this process for the rollout floor, holding what the rollout's server held before the
/// workloads came: the CRDs, the namespaces, the nodes, the RuntimeClasses and the operator's webhook configurations
/// (so its pod creates call the same webhooks of the same operator), and nothing watching it.
/// </summary>
internal sealed class FloorServer : IAsyncDisposable
{
    private readonly ApiServer server;

    private FloorServer(ApiServer server, HttpClient http)
    {
        this.server = server;
        Http = http;
    }

    /// <summary>A plain client of the floor's server (bearer token, base address set): writes are sent as recorded.</summary>
    public HttpClient Http { get; }

    /// <summary>Starts the server and copies the rollout server's setup from <paramref name="source"/>.</summary>
    public static async Task<FloorServer> StartAsync(IKubernetes source, string repositoryRoot, int expectedObjects, CancellationToken cancellationToken)
    {
        var server = await ApiServer.StartAsync(new LocalApiServerOptions { WatchHistoryCapacity = Math.Max(10_000, expectedObjects * 10) }, cancellationToken);
        using var target = server.CreateClient();
        foreach (var file in Directory.GetFiles(Path.Combine(repositoryRoot, "config", "crd"), "*_*.yaml"))
        {
            var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(file, cancellationToken));
            await target.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: cancellationToken);
        }

        foreach (var item in (await source.CoreV1.ListNamespaceAsync(cancellationToken: cancellationToken)).Items.Where(n => n.Metadata.Name.StartsWith("bench-", StringComparison.Ordinal)))
        {
            await target.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = Copy(item.Metadata) }, cancellationToken: cancellationToken);
        }

        foreach (var item in (await source.CoreV1.ListNodeAsync(cancellationToken: cancellationToken)).Items)
        {
            await target.CoreV1.CreateNodeAsync(new V1Node { Metadata = Copy(item.Metadata), Spec = item.Spec }, cancellationToken: cancellationToken);
        }

        foreach (var item in (await source.NodeV1.ListRuntimeClassAsync(cancellationToken: cancellationToken)).Items)
        {
            await target.NodeV1.CreateRuntimeClassAsync(new V1RuntimeClass { Metadata = Copy(item.Metadata), Handler = item.Handler, Overhead = item.Overhead, Scheduling = item.Scheduling }, cancellationToken: cancellationToken);
        }

        foreach (var item in (await source.AdmissionregistrationV1.ListMutatingWebhookConfigurationAsync(cancellationToken: cancellationToken)).Items)
        {
            await target.AdmissionregistrationV1.CreateMutatingWebhookConfigurationAsync(new V1MutatingWebhookConfiguration { Metadata = Copy(item.Metadata), Webhooks = item.Webhooks }, cancellationToken: cancellationToken);
        }

        foreach (var item in (await source.AdmissionregistrationV1.ListValidatingWebhookConfigurationAsync(cancellationToken: cancellationToken)).Items)
        {
            await target.AdmissionregistrationV1.CreateValidatingWebhookConfigurationAsync(new V1ValidatingWebhookConfiguration { Metadata = Copy(item.Metadata), Webhooks = item.Webhooks }, cancellationToken: cancellationToken);
        }

        return new FloorServer(server, Client(server));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await server.DisposeAsync();
    }

    private static V1ObjectMeta Copy(V1ObjectMeta metadata) => new() { Name = metadata.Name, Labels = metadata.Labels, Annotations = metadata.Annotations };

    private static HttpClient Client(ApiServer server)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 64,
#pragma warning disable CA5359 // A throwaway loopback server of this process; trust is not what is measured.
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
#pragma warning restore CA5359
        })
        {
            BaseAddress = server.BaseUri,
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        return client;
    }
}
