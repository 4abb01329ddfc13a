using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Admission.Hosting;
using HyperVIsolation.Operator.Tests.Admission;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Admission.EndToEnd;

/// <summary>What a well-behaved tenant, an audited namespace and a namespace's trust labels get through the real chain.</summary>
public sealed class WebhookFlowEndToEndTests(WebhookClusterFixture cluster) : IClassFixture<WebhookClusterFixture>
{
    private const string UnsafeOperations = "io.microsoft.disable-unsafe-operations";
    private const string VmMemory = "io.microsoft.virtualmachine.computetopology.memory.sizeinmb";
    private const string CpuGroup = "io.microsoft.virtualmachine.cpugroup.id";

    [Fact]
    public async Task CreatePod_TenantPod_MutatedIntoTheVmAndTenantAnnotationsStripped()
    {
        var submitted = AdmissionFixtures.SubmittedPod();
        submitted.Metadata.Name = "happy";
        submitted.Metadata.Annotations = new Dictionary<string, string> { [CpuGroup] = "{00000000-0000-0000-0000-000000000001}", [VmMemory] = "1048576", ["team"] = "web" };

        var created = await cluster.Tenant.CoreV1.CreateNamespacedPodAsync(submitted, AdmissionFixtures.Tenant);

        var expected = AdmissionFixtures.ConformingPod();
        created.Spec.RuntimeClassName.Should().Be("hyperv-ltsc2022");
        created.Spec.Os.Name.Should().Be("windows");
        created.Spec.NodeSelector.Should().Contain(WellKnownLabels.Os, "windows");
        created.Metadata.Annotations.Should().NotContainKey(CpuGroup);
        created.Metadata.Annotations.Should().Contain(UnsafeOperations, "true");
        created.Metadata.Annotations.Should().Contain(VmMemory, expected.Metadata.Annotations[VmMemory]);
        created.Metadata.Annotations.Should().Contain("team", "web");
    }

    [Fact]
    public async Task MutatePods_StoredPodReviewedAgain_NoPatch()
    {
        var submitted = AdmissionFixtures.SubmittedPod();
        submitted.Metadata.Name = "reinvoked";
        var created = await cluster.Tenant.CoreV1.CreateNamespacedPodAsync(submitted, AdmissionFixtures.Tenant);

        // What reinvocationPolicy IfNeeded sends when another mutator ran after ours: the already mutated pod.
        using var http = await WebhookClientAsync();
        using var content = new StringContent(AdmissionFixtures.Review("CREATE", created), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/mutate/pods", content);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var review = (await response.Content.ReadFromJsonAsync<JsonObject>())!["response"]!;
        review["allowed"]!.GetValue<bool>().Should().BeTrue();
        review["patch"].Should().BeNull("a second pass over a mutated pod must change nothing");
    }

    [Fact]
    public async Task CreatePod_AuditedNamespaceViolation_CreatedWithWarnings()
    {
        var pod = AdmissionFixtures.ConformingPod();
        pod.Metadata.Name = "audited";
        pod.Metadata.NamespaceProperty = WebhookClusterFixture.AuditNamespace;
        pod.Spec.HostNetwork = true;

        using var response = await cluster.Tenant.CoreV1.CreateNamespacedPodWithHttpMessagesAsync(pod, WebhookClusterFixture.AuditNamespace);

        response.Body.Spec.HostNetwork.Should().BeTrue();
        response.Response.Headers.TryGetValues("Warning", out var warnings).Should().BeTrue();
        warnings.Should().Contain(warning => warning.Contains("audit: spec.hostNetwork", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PatchNamespace_TrustLabelRemoved_DeniedForTenantAllowedForPolicyAdministrator()
    {
        const string Name = "tenant-b";
        await cluster.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Name, Labels = new Dictionary<string, string> { [AdmissionFixtures.TrustLabel] = "untrusted" } } });
        var removeTrust = new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [AdmissionFixtures.TrustLabel] = null } } }.ToJsonString(), V1Patch.PatchType.MergePatch);

        var tenant = async () => await cluster.Tenant.CoreV1.PatchNamespaceAsync(removeTrust, Name);

        var denied = (await tenant.Should().ThrowAsync<HttpOperationException>()).Which;
        denied.Response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        denied.Response.Content.Should().Contain($"admission webhook \\\"namespaces.validate.{ApiGroup.Group}\\\" denied the request: ");
        var patched = await cluster.Alice.CoreV1.PatchNamespaceAsync(removeTrust, Name);
        patched.Metadata.Labels.Should().NotContainKey(AdmissionFixtures.TrustLabel);
    }

    /// <summary>A client for the webhook's loopback port that trusts only the CA in the operator's Secret.</summary>
    private async Task<HttpClient> WebhookClientAsync()
    {
        var secret = await cluster.Admin.CoreV1.ReadNamespacedSecretAsync(new WebhookOptions().CaSecretName, "default");
        var ca = X509Certificate2.CreateFromPem(Encoding.UTF8.GetString(secret.Data[CertificateAuthoritySecretStore.CertificateKey]));
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is not null && (errors & System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch) == 0 && chain.Build(certificate);
            },
        };
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = new Uri($"https://127.0.0.1:{cluster.WebhookPort}") };
    }
}
