using System.Net;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Hosting;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.Operator.Admission.Http;
using HyperVIsolation.Operator.Hosting;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Operator.Tests.Hosting;

public sealed class OperatorHostTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Readyz_CustomResourcesMissing_Is503UntilCrdsInstalledThen200()
    {
        await using var server = await ApiServer.StartAsync(new LocalApiServerOptions(), CancellationToken.None);
        using var client = server.CreateClient();
        await using var host = TestOperatorHost.Create(server, "replica-a");
        using var http = new HttpClient();
        await host.App.StartAsync();

        var notReady = await host.GetAsync(http, "readyz");
        var body = await notReady.Content.ReadAsStringAsync();
        var healthz = await host.GetAsync(http, "healthz");
        await TestOperatorHost.InstallCrdsAsync(client);
        var ready = await Eventually.TrueAsync(async () => (await host.GetAsync(http, "readyz")).StatusCode == HttpStatusCode.OK, Timeout);

        notReady.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        body.Should().Contain("informer isolatedworkloads not synced");
        healthz.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.Should().BeTrue("the informers list again after the CRDs exist");
    }

    [Fact]
    public async Task Metrics_AfterReconcilesAndWatches_ExposesTheOperatorInstruments()
    {
        await using var server = await ApiServer.StartAsync(new LocalApiServerOptions(), CancellationToken.None);
        using var client = server.CreateClient();
        await TestOperatorHost.InstallCrdsAsync(client);
        await using var host = TestOperatorHost.Create(server, "replica-a", builder => builder.Services
            .AddController<RecordingReconciler>("namespaces", sources => sources.Watch<V1Namespace>(ObjectKeyMappings.Self)));
        var reconciler = host.App.Services.GetRequiredService<RecordingReconciler>();
        reconciler.FailOnce = "kube-public";
        using var http = new HttpClient();
        await host.App.StartAsync();
        await CreateWorkloadWithReadyConditionAsync(client);

        var reconciled = await Eventually.TrueAsync(() => reconciler.Reconciled.Count(key => key.Name == "kube-public") >= 2, Timeout);
        var workloadsCounted = await Eventually.TrueAsync(
            async () => (await (await host.GetAsync(http, "metrics")).Content.ReadAsStringAsync()).Contains("hyperv_isolation_workloads{", StringComparison.Ordinal),
            Timeout);
        var metrics = await (await host.GetAsync(http, "metrics")).Content.ReadAsStringAsync();

        reconciled.Should().BeTrue("the failed key is retried");
        workloadsCounted.Should().BeTrue();
        metrics.Should().Contain("hyperv_isolation_reconcile_total{")
            .And.Contain("hyperv_isolation_reconcile_duration_seconds_bucket{")
            .And.Contain("le=\"0.005\"")
            .And.Contain("hyperv_isolation_reconcile_errors_total{")
            .And.Contain("hyperv_isolation_workqueue_depth{")
            .And.Contain("hyperv_isolation_workqueue_latency_seconds_bucket{")
            .And.Contain("hyperv_isolation_workqueue_retries_total{")
            .And.Contain("hyperv_isolation_cache_objects{")
            .And.Contain("resource=\"namespaces\"")
            .And.Contain("condition=\"Ready\",status=\"True\"} 1");
    }

    [Fact]
    public async Task Metrics_AfterAListFailure_CountsTheWatchRestart()
    {
        await using var server = await ApiServer.StartAsync(new LocalApiServerOptions(), CancellationToken.None);
        await using var host = TestOperatorHost.Create(server, "replica-a");
        using var http = new HttpClient();
        await host.App.StartAsync();

        // Without the CRDs the custom resources' lists answer 404. Each informer counts its own restart, in
        // whatever order they fail: wait for the workloads' series itself, not for the first one to appear.
        static bool IsWorkloadListFailure(string line) =>
            line.StartsWith("hyperv_isolation_watch_restarts_total{", StringComparison.Ordinal)
            && line.Contains("reason=\"list_failed\"", StringComparison.Ordinal)
            && line.Contains("resource=\"isolatedworkloads\"", StringComparison.Ordinal);

        var counted = await Eventually.TrueAsync(
            async () => (await (await host.GetAsync(http, "metrics")).Content.ReadAsStringAsync()).Split('\n').Any(IsWorkloadListFailure),
            Timeout);

        counted.Should().BeTrue("the failed list of isolatedworkloads is counted as a watch restart with reason list_failed");
    }

    [Fact]
    public async Task HealthEndpoints_OnTheWebhookPort_AreNotServed()
    {
        await using var server = await ApiServer.StartAsync(new LocalApiServerOptions(), CancellationToken.None);
        using (var admin = server.CreateClient())
        {
            // The webhook completes handshakes once its caches (IsolationPolicy among them) have synced.
            await TestOperatorHost.InstallCrdsAsync(admin);
        }

        await using var host = TestOperatorHost.Create(server, "replica-a");
        await host.App.StartAsync();
        var webhookPort = host.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HyperVIsolation.Operator.Admission.Hosting.WebhookOptions>>().Value.Port;

        // The certificate is issued by the operator's own CA, which this test's client does not know.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler);
        var response = await http.GetAsync(new Uri($"https://127.0.0.1:{webhookPort}/healthz"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("hyperv-isolation-webhook.hyperv-isolation.svc:443")]
    [InlineData("hyperv-isolation-webhook.hyperv-isolation.svc")]
    public async Task AdmissionPath_ThroughServiceWithAnotherPortInHostHeader_IsServedOnWebhookPortOnly(string serviceHost)
    {
        await using var server = await ApiServer.StartAsync(new LocalApiServerOptions(), CancellationToken.None);
        using (var admin = server.CreateClient())
        {
            await TestOperatorHost.InstallCrdsAsync(admin);
        }

        await using var host = TestOperatorHost.Create(server, "replica-a");
        await host.App.StartAsync();
        var webhookPort = host.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HyperVIsolation.Operator.Admission.Hosting.WebhookOptions>>().Value.Port;
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler);

        // The API server dials the Service (port 443), which forwards to the replica's webhook port: the Host header names the Service.
        using var throughService = new HttpRequestMessage(HttpMethod.Post, new Uri($"https://127.0.0.1:{webhookPort}{AdmissionPaths.Of(AdmissionEndpoint.MutatePods)}"))
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };
        throughService.Headers.Host = serviceHost;
        var answered = await http.SendAsync(throughService);
        var onMetricsPort = await http.PostAsync(new Uri(host.MetricsUri, AdmissionPaths.Of(AdmissionEndpoint.MutatePods).TrimStart('/')), new StringContent("{}"));

        answered.StatusCode.Should().NotBe(HttpStatusCode.NotFound, "the webhook port serves admission whatever Host the Service forwarded");
        onMetricsPort.StatusCode.Should().Be(HttpStatusCode.NotFound, "admission is never served on the metrics port");
    }

    private static async Task CreateWorkloadWithReadyConditionAsync(Kubernetes client)
    {
        var workload = new IsolatedWorkload
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
            Spec = new IsolatedWorkloadSpec
            {
                Replicas = 1,
                Template = new WorkloadTemplate { Containers = [new WorkloadContainer { Name = "app", Image = "mcr.microsoft.com/windows/nanoserver:ltsc2022" }] },
            },
        };
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(workload, ApiGroup.Group, ApiGroup.Version, "default", IsolatedWorkload.Plural);
        var status = """{"status":{"conditions":[{"type":"Ready","status":"True","reason":"PodsReady","message":"ready","lastTransitionTime":"2025-01-01T00:00:00Z"}]}}""";
        await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(status, V1Patch.PatchType.MergePatch), ApiGroup.Group, ApiGroup.Version, "default", IsolatedWorkload.Plural, "web");
    }
}
