using System.Globalization;
using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.Operator.Admission.Hosting;
using HyperVIsolation.Operator.Hosting;
using HyperVIsolation.Operator.Tests.Admission;
using HyperVIsolation.Operator.Tests.Hosting;
using HyperVIsolation.Operator.Tests.Integration;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Operator.Tests.Admission.EndToEnd;

/// <summary>
/// A local API server whose admission chain calls the operator's webhook over HTTPS: CRDs from
/// <c>config/crd/</c>, the operator's RuntimeClasses, one ready ltsc2022 Windows node, the enforced
/// tenant namespace and policy of <see cref="AdmissionFixtures"/>, an audited namespace, and an operator host
/// (no controllers) that creates its CA and the webhook configurations pointing at its loopback URL.
/// Three identities: the server's administrator, <c>alice</c> (one of the policy's administrators) and the
/// tenant <c>bob</c>.
/// </summary>
public sealed class WebhookClusterFixture : IAsyncLifetime
{
    public const string AuditNamespace = "tenant-audit";
    public const string AuditLabel = "isolation.hyperv.dev/audit";
    private const string TenantToken = "tenant-bob-token";
    private const string AliceToken = "admin-alice-token";

    private ApiServer server = null!;
    private TestOperatorHost host = null!;

    internal Kubernetes Admin { get; private set; } = null!;

    internal Kubernetes Tenant { get; private set; } = null!;

    internal Kubernetes Alice { get; private set; } = null!;

    internal int WebhookPort { get; private set; }

    public async Task InitializeAsync()
    {
        server = await ApiServer.StartAsync(
            new LocalApiServerOptions
            {
                Users = [new LocalApiUser(TenantToken, "bob", ["tenants"]), new LocalApiUser(AliceToken, "alice", ["platform-admins"])],
                BookmarkInterval = TimeSpan.FromMilliseconds(500),
            },
            CancellationToken.None);
        Admin = server.CreateClient();
        Tenant = ClientFor(TenantToken);
        Alice = ClientFor(AliceToken);
        await TestOperatorHost.InstallCrdsAsync(Admin);
        await SeedClusterAsync();

        WebhookPort = LoopbackPorts.Next();
        var port = WebhookPort.ToString(CultureInfo.InvariantCulture);
        host = TestOperatorHost.Create(server, "webhook-e2e", builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhook:Port"] = port,
            [$"{WebhookOptions.SectionName}:ManageConfigurations"] = "true",
            [$"{WebhookOptions.SectionName}:Url"] = $"https://127.0.0.1:{port}",
        }));
        await host.App.StartAsync();
        await Poll.UntilAsync(
            () => Admin.AdmissionregistrationV1.ListValidatingWebhookConfigurationAsync(),
            list => list.Items.Count == 1 && list.Items[0].Webhooks.All(hook => hook.ClientConfig.CaBundle is { Length: > 0 }),
            "the operator registered its webhooks");

        // The caBundle is written before the replica serves a certificate from that CA (so it is never
        // untrusted), hence registered is not yet serving: wait until a dry-run pod passes both webhooks.
        await Poll.UntilAsync(
            ReachesBothWebhooksAsync,
            reached => reached,
            "the API server reaches both webhooks over trusted TLS");
    }

    private async Task<bool> ReachesBothWebhooksAsync()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "webhook-ready-probe", NamespaceProperty = AuditNamespace },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "mcr.microsoft.com/windows/nanoserver:ltsc2022" }] },
        };
        try
        {
            await Admin.CoreV1.CreateNamespacedPodAsync(pod, AuditNamespace, dryRun: "All");
            return true;
        }
        catch (k8s.Autorest.HttpOperationException exception) when (exception.Response.Content.Contains("failed calling webhook", StringComparison.Ordinal))
        {
            return false;
        }
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        Admin.Dispose();
        Tenant.Dispose();
        Alice.Dispose();
        await server.DisposeAsync();
    }

    private Kubernetes ClientFor(string token)
    {
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath);
        configuration.AccessToken = token;
        return new Kubernetes(configuration);
    }

    private async Task SeedClusterAsync()
    {
        await RuntimeClassAsync("hyperv-ltsc2022", "runhcs-wcow-hypervisor", "10.0.20348", managed: true);
        await RuntimeClassAsync("hyperv-ltsc2025", "runhcs-wcow-hypervisor", "10.0.26100", managed: true);
        await RuntimeClassAsync("process-ltsc2022", "runhcs-wcow-process", "10.0.20348", managed: true);
        await RuntimeClassAsync("runhcs-wcow-process", "runhcs-wcow-process", null, managed: false);
        await Admin.CoreV1.CreateNodeAsync(new V1Node
        {
            Metadata = new V1ObjectMeta
            {
                Name = "win22-0",
                Labels = new Dictionary<string, string> { [WellKnownLabels.Os] = "windows", [WellKnownLabels.WindowsBuild] = "10.0.20348", [WellKnownLabels.NodeReady] = "true" },
            },
        });
        await Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = AdmissionFixtures.Tenant, Labels = new Dictionary<string, string> { [AdmissionFixtures.TrustLabel] = "untrusted" } } });
        await Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = AuditNamespace, Labels = new Dictionary<string, string> { [AuditLabel] = "true" } } });
        await CreatePolicyAsync(AdmissionFixtures.Policy());
        await CreatePolicyAsync(AdmissionFixtures.Policy(
            spec =>
            {
                spec.Mode = PolicyMode.Audit;
                spec.NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [AuditLabel] = "true" } };
            },
            name: "audited-tenants"));
    }

    private async Task CreatePolicyAsync(IsolationPolicy policy)
    {
        policy.ApiVersion = $"{ApiGroup.Group}/{ApiGroup.Version}";
        policy.Kind = "IsolationPolicy";
        await Admin.CustomObjects.CreateClusterCustomObjectAsync(policy, ApiGroup.Group, ApiGroup.Version, IsolationPolicy.Plural);
    }

    private async Task RuntimeClassAsync(string name, string handler, string? build, bool managed) =>
        await Admin.NodeV1.CreateRuntimeClassAsync(new V1RuntimeClass
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = managed ? new Dictionary<string, string> { [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue } : null,
            },
            Handler = handler,
            Scheduling = build is null ? null : new V1Scheduling { NodeSelector = new Dictionary<string, string> { [WellKnownLabels.WindowsBuild] = build } },
        });
}
