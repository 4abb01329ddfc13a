using System.Globalization;
using System.Text;
using FluentAssertions.Execution;
using HyperVIsolation.ControllerRuntime.Hosting;
using HyperVIsolation.LocalApiServer.Admission;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.LocalApiServer.Metering;
using HyperVIsolation.Operator.Admission.Certificates;
using HyperVIsolation.Operator.Admission.Configuration;
using HyperVIsolation.Operator.Hosting;
using HyperVIsolation.Operator.Reconciliation;
using HyperVIsolation.Operator.Tests.Admission.Certificates;
using HyperVIsolation.Operator.Tests.Admission.Hosting;
using HyperVIsolation.Operator.Tests.Hosting;
using HyperVIsolation.Operator.Tests.Integration;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HyperVIsolation.Operator.Tests.Admission.EndToEnd;

/// <summary>
/// One operator replica restarting against a local API server that already sends it admission calls with
/// <c>failurePolicy: Fail</c>, while its certificate (or its caches) are slow to come, in each certificate mode: from
/// the moment the process starts no admission call may fail (the server verifies TLS against the configuration's
/// <c>caBundle</c>), a call that arrives early waits for the certificate, and no reconcile starts before the webhook
/// can answer.
/// </summary>
public sealed class WebhookStartupOrderTests
{
    private const string Identity = "operator-0";
    private const string Namespace = "startup";
    private const string ServiceName = "hyperv-isolation-webhook";
    private const string ServiceNamespace = "default";
    private const string CaSecretPath = "/api/v1/namespaces/default/secrets/hyperv-isolation-webhook-ca";
    private static readonly TimeSpan SlowStep = TimeSpan.FromSeconds(1.5);

    public enum Mode
    {
        /// <summary>The operator's CA in a Secret, configurations by <c>clientConfig.url</c> (local runs).</summary>
        OwnCaByUrl,

        /// <summary>The operator's CA in a Secret, configurations by <c>clientConfig.service</c> (the chart's default).</summary>
        OwnCaByService,

        /// <summary>cert-manager's mounted certificate, configurations by Service with cainjector's <c>caBundle</c>.</summary>
        CertManagerByService,
    }

    [Theory]
    [InlineData(Mode.OwnCaByUrl)]
    [InlineData(Mode.OwnCaByService)]
    [InlineData(Mode.CertManagerByService)]
    public async Task Restart_CertificateLate_NoAdmissionCallFailsAndNoReconcileBeforeTheWebhookAnswers(Mode mode)
    {
        var port = LoopbackPorts.Next();
        var services = mode == Mode.OwnCaByUrl ? new Dictionary<string, Uri>() : new Dictionary<string, Uri> { [$"{ServiceNamespace}/{ServiceName}"] = new($"https://127.0.0.1:{port}/") };
        await using var cluster = await OperatorCluster.StartAsync(services, startAgents: true, OperatorCluster.Group("win22", "ltsc2022"));
        await cluster.CreateNamespaceAsync(Namespace);
        using var volume = new KubeletSecretVolume();
        if (mode == Mode.CertManagerByService)
        {
            await MountCertManagerCertificateAsync(cluster.Client, volume);
        }

        var settings = Settings(mode, port, volume.Path);

        // A first run registers the webhook (cert-manager mode: finds cainjector's configurations); the workload is
        // created through it while it runs, and the process stops: the next start creates every pod through its webhook.
        await using (var first = TestOperatorHost.Create(cluster.Server, Identity, builder => builder.Configuration.AddInMemoryCollection(settings)))
        {
            await first.App.StartAsync();
            await Poll.UntilAsync(() => ReachesWebhooksAsync(cluster), reached => reached, "the first run's webhook is registered and answers");
            await cluster.CreateWorkloadAsync(TestWorkloads.NanoServer(Namespace, "web", replicas: 3));
        }

        // Own CA: the CA Secret is slow to read, so the certificate is late. cert-manager: the files are there (the
        // kubelet mounts them before the process starts) but the certificate waits for the admission caches, made slow.
        using var slow = mode == Mode.CertManagerByService
            ? new DelayedRequests(SlowStep, request => request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath == "/api/v1/namespaces" && !request.RequestUri.Query.Contains("watch=", StringComparison.Ordinal))
            : new DelayedRequests(SlowStep, request => request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath == CaSecretPath);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Server.KubeconfigPath), slow, new ResponseBufferingHandler());
        var recorder = new FirstReconcileRecorder();
        var before = cluster.Server.WebhookCalls.Snapshot();
        await using var restarted = TestOperatorHost.Create(cluster.Server, Identity, builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddSingleton<IKubernetes>(client);
            builder.Services.AddSingleton<IControllerInstrumentation>(recorder);
            builder.Services.AddIsolatedWorkloadControllers();
        });
        var holder = restarted.App.Services.GetRequiredService<ServingCertificateHolder>();
        var lifetime = restarted.App.Services.GetRequiredService<IHostApplicationLifetime>();
        recorder.Observe = () => Describe(holder, lifetime);

        await restarted.App.StartAsync();
        var atTenantPod = Describe(holder, lifetime);
        var tenantPod = await CreateAsync(cluster.Client, Pod("early"));
        await cluster.WaitForReadyAsync(Namespace, "web", 3);
        var calls = Since(before, cluster.Server.WebhookCalls.Snapshot());

        using var scope = new AssertionScope();
        atTenantPod.Should().Be(Describe(installed: false, listening: true), "the tenant's pod reached the webhook port before the certificate was loaded, so it shows what an early call gets");
        tenantPod.Should().Be("created", "a call that arrives before the certificate waits for it instead of failing TLS verification");
        calls.Where(call => call.Key != WebhookCallOutcome.Answered && call.Value > 0).Should().BeEmpty("every admission call since the process started must pass TLS verification and be answered");
        calls[WebhookCallOutcome.Answered].Should().BeGreaterThanOrEqualTo(8, "four pods were created, each through the mutating and the validating pod webhook");
        (await recorder.First.WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(Describe(installed: true, listening: true), "no reconcile may start before this replica's webhook can answer");
    }

    private static string Describe(ServingCertificateHolder holder, IHostApplicationLifetime lifetime) =>
        Describe(holder.Current is not null, lifetime.ApplicationStarted.IsCancellationRequested);

    private static string Describe(bool installed, bool listening) =>
        string.Create(CultureInfo.InvariantCulture, $"certificate installed: {installed}, webhook port listening: {listening}");

    private static Dictionary<string, string?> Settings(Mode mode, int port, string certificateDirectory)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Webhook:Port"] = port.ToString(CultureInfo.InvariantCulture),

            // The operator's pods are created with the kubeconfig's administrator, standing in for its service account.
            ["Webhook:TrustedUsers:0"] = AdmissionUser.Administrator.Name,
        };
        switch (mode)
        {
            case Mode.OwnCaByUrl:
                settings["Webhook:ManageConfigurations"] = "true";
                settings["Webhook:Url"] = $"https://127.0.0.1:{port}";
                break;
            case Mode.OwnCaByService:
                settings["Webhook:ManageConfigurations"] = "true";
                break;
            default:
                settings["Webhook:CertificateDirectory"] = certificateDirectory;
                break;
        }

        return settings;
    }

    /// <summary>What cert-manager does: a serving certificate in a mounted TLS Secret, its CA injected into both configurations.</summary>
    private static async Task MountCertManagerCertificateAsync(Kubernetes admin, KubeletSecretVolume volume)
    {
        using var authority = WebhookCertificateAuthority.Create("cert-manager-ca", DateTimeOffset.UtcNow, TimeSpan.FromDays(30));
        var (certificate, key) = CertificatePem.Issue(authority, DateTimeOffset.UtcNow, ServiceName, ServiceNamespace);
        volume.Write(new Dictionary<string, string> { ["tls.crt"] = certificate, ["tls.key"] = key });
        var configurations = WebhookConfigurationRenderer.Render(
            new WebhookConfigurationOptions { ServiceName = ServiceName, ServiceNamespace = ServiceNamespace },
            Encoding.UTF8.GetBytes(authority.CertificatePem));
        await admin.AdmissionregistrationV1.CreateMutatingWebhookConfigurationAsync(configurations.Mutating);
        await admin.AdmissionregistrationV1.CreateValidatingWebhookConfigurationAsync(configurations.Validating);
    }

    /// <summary>Whether a dry-run pod passed through both pod webhooks (not merely got in before they were registered).</summary>
    private static async Task<bool> ReachesWebhooksAsync(OperatorCluster cluster)
    {
        var answered = cluster.Server.WebhookCalls.Count(WebhookCallOutcome.Answered);
        try
        {
            await cluster.Client.CoreV1.CreateNamespacedPodAsync(Pod("probe"), Namespace, dryRun: "All");
            return cluster.Server.WebhookCalls.Count(WebhookCallOutcome.Answered) >= answered + 2;
        }
        catch (k8s.Autorest.HttpOperationException exception) when (exception.Response.Content.Contains("failed calling webhook", StringComparison.Ordinal))
        {
            return false;
        }
    }

    private static async Task<string> CreateAsync(Kubernetes client, V1Pod pod)
    {
        try
        {
            await client.CoreV1.CreateNamespacedPodAsync(pod, Namespace);
            return "created";
        }
        catch (k8s.Autorest.HttpOperationException exception)
        {
            return exception.Response.Content;
        }
    }

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
        Spec = new V1PodSpec
        {
            NodeSelector = new Dictionary<string, string> { ["kubernetes.io/os"] = "windows" },
            Containers = [new V1Container { Name = "app", Image = "mcr.microsoft.com/windows/nanoserver:ltsc2022" }],
        },
    };

    private static Dictionary<WebhookCallOutcome, long> Since(IReadOnlyDictionary<WebhookCallOutcome, long> before, IReadOnlyDictionary<WebhookCallOutcome, long> after) =>
        after.ToDictionary(entry => entry.Key, entry => entry.Value - before.GetValueOrDefault(entry.Key));
}
