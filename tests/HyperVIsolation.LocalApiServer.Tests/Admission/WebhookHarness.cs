using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Hosting;
using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Tests.Admission;

/// <summary>A local API server plus a test webhook server, with helpers to register webhooks.</summary>
public sealed class WebhookHarness : IAsyncDisposable
{
    public const string TenantToken = "tenant-token-for-tests";

    private WebhookHarness(LocalApiServer.Hosting.LocalApiServer server, TestWebhookServer webhooks)
    {
        Server = server;
        Webhooks = webhooks;
        Client = server.CreateClient();
    }

    public LocalApiServer.Hosting.LocalApiServer Server { get; }

    public TestWebhookServer Webhooks { get; }

    public Kubernetes Client { get; }

    public static async Task<WebhookHarness> StartAsync()
    {
        var webhooks = await TestWebhookServer.StartAsync("hooks.webhooks.svc");
        var server = await LocalApiServer.Hosting.LocalApiServer.StartAsync(
            new LocalApiServerOptions
            {
                Users = [new LocalApiUser(TenantToken, "tenant", ["tenants"])],
                WebhookServices = new Dictionary<string, Uri> { ["webhooks/hooks"] = webhooks.BaseUri },
            },
            CancellationToken.None);
        return new WebhookHarness(server, webhooks);
    }

    public Kubernetes CreateTenantClient()
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.KubeconfigPath);
        config.AccessToken = TenantToken;
        return new Kubernetes(config);
    }

    /// <summary>A webhook entry calling <paramref name="path"/> on the test server by URL.</summary>
    public JsonObject Hook(string name, string path, string resources = "configmaps", string operations = "CREATE") => new()
    {
        ["name"] = name,
        ["admissionReviewVersions"] = new JsonArray("v1"),
        ["sideEffects"] = "None",
        ["clientConfig"] = new JsonObject { ["url"] = new Uri(Webhooks.BaseUri, path.TrimStart('/')).ToString(), ["caBundle"] = Convert.ToBase64String(Webhooks.CaBundle) },
        ["rules"] = new JsonArray(new JsonObject
        {
            ["apiGroups"] = new JsonArray("", "apps"),
            ["apiVersions"] = new JsonArray("*"),
            ["operations"] = new JsonArray(operations.Split(',').Select(o => (JsonNode)o).ToArray()),
            ["resources"] = new JsonArray(resources.Split(',').Select(r => (JsonNode)r).ToArray()),
        }),
    };

    public Task MutatingAsync(string configurationName, params JsonObject[] hooks) =>
        Client.AdmissionregistrationV1.CreateMutatingWebhookConfigurationAsync(
            KubernetesJson.Deserialize<V1MutatingWebhookConfiguration>(Configuration(configurationName, hooks)));

    public Task ValidatingAsync(string configurationName, params JsonObject[] hooks) =>
        Client.AdmissionregistrationV1.CreateValidatingWebhookConfigurationAsync(
            KubernetesJson.Deserialize<V1ValidatingWebhookConfiguration>(Configuration(configurationName, hooks)));

    public Task<V1ConfigMap> CreateConfigMapAsync(string name, string ns = "default", IDictionary<string, string>? labels = null, Kubernetes? client = null) =>
        (client ?? Client).CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = labels } }, ns);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await Webhooks.DisposeAsync();
    }

    private static string Configuration(string name, JsonObject[] hooks) =>
        new JsonObject { ["metadata"] = new JsonObject { ["name"] = name }, ["webhooks"] = new JsonArray(hooks) }.ToJsonString();
}
