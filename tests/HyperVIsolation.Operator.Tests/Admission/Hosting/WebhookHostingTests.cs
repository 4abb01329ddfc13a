using System.Text;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.Operator.Admission.Configuration;
using HyperVIsolation.Operator.Admission.Hosting;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Operator.Tests.Admission.Hosting;

/// <summary>The CA Secret and the webhook configurations against a local API server.</summary>
public sealed class WebhookHostingTests
{
    [Fact]
    public async Task Sync_ReplicasStartingTogether_AllShareOneCa()
    {
        await using var server = await ApiServer.StartAsync(new LocalApiServerOptions(), CancellationToken.None);
        using var client = server.CreateClient();
        var stores = Enumerable.Range(0, 4).Select(_ => new CertificateAuthoritySecretStore(client, TimeProvider.System, NullLogger<CertificateAuthoritySecretStore>.Instance)).ToList();

        var authorities = (await Task.WhenAll(stores.Select(store => store.SyncAsync("default", "webhook-ca", TimeSpan.FromDays(30), CancellationToken.None)))).Select(snapshot => snapshot.Authority).ToList();

        authorities.Select(authority => authority.Certificate.Thumbprint).Distinct().Should().ContainSingle();
        authorities[0].Certificate.HasPrivateKey.Should().BeTrue();
        foreach (var authority in authorities)
        {
            authority.Dispose();
        }
    }

    [Fact]
    public async Task Sync_SecretWithoutKey_FailsWithoutOverwriting()
    {
        await using var server = await ApiServer.StartAsync(new LocalApiServerOptions(), CancellationToken.None);
        using var client = server.CreateClient();
        await client.CoreV1.CreateNamespacedSecretAsync(new k8s.Models.V1Secret { Metadata = new() { Name = "webhook-ca" }, Data = new Dictionary<string, byte[]> { ["other"] = [1] } }, "default");
        var store = new CertificateAuthoritySecretStore(client, TimeProvider.System, NullLogger<CertificateAuthoritySecretStore>.Instance);

        var load = () => store.SyncAsync("default", "webhook-ca", TimeSpan.FromDays(30), CancellationToken.None);

        (await load.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*lacks 'ca.crt'*");
        (await client.CoreV1.ReadNamespacedSecretAsync("webhook-ca", "default")).Data.Should().ContainKey("other").And.HaveCount(1);
    }

    [Fact]
    public async Task Apply_Unchanged_ZeroWritesAndChangedCaBundle_Patched()
    {
        await using var server = await ApiServer.StartAsync(new LocalApiServerOptions(), CancellationToken.None);
        using var client = server.CreateClient();
        var writer = new WebhookConfigurationWriter(client, NullLogger<WebhookConfigurationWriter>.Instance);
        var options = new WebhookConfigurationOptions { ServiceName = "webhook", ServiceNamespace = "hyperv-isolation" };

        var created = await writer.ApplyAsync(WebhookConfigurationRenderer.Render(options, Encoding.UTF8.GetBytes("first")), CancellationToken.None);
        var version = (await client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync("hyperv-isolation")).Metadata.ResourceVersion;
        var again = await writer.ApplyAsync(WebhookConfigurationRenderer.Render(options, Encoding.UTF8.GetBytes("first")), CancellationToken.None);
        var versionAfter = (await client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync("hyperv-isolation")).Metadata.ResourceVersion;
        var rotated = await writer.ApplyAsync(WebhookConfigurationRenderer.Render(options, Encoding.UTF8.GetBytes("second")), CancellationToken.None);

        created.Should().Be(2);
        again.Should().Be(0);
        versionAfter.Should().Be(version);
        rotated.Should().Be(2);
        var stored = await client.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync("hyperv-isolation");
        Encoding.UTF8.GetString(stored.Webhooks[0].ClientConfig.CaBundle).Should().Be("second");
    }

    [Fact]
    public void Render_WithUrl_UsesUrlClientConfigInsteadOfService()
    {
        var options = new WebhookConfigurationOptions { ServiceName = "webhook", ServiceNamespace = "hyperv-isolation", Url = new Uri("https://127.0.0.1:9443") };

        var rendered = WebhookConfigurationRenderer.Render(options, [1]);

        rendered.Mutating.Webhooks[0].ClientConfig.Url.Should().Be("https://127.0.0.1:9443/mutate/pods");
        rendered.Mutating.Webhooks[0].ClientConfig.Service.Should().BeNull();
        rendered.Validating.Webhooks.Select(hook => hook.ClientConfig.Url).Should().OnlyContain(url => url!.StartsWith("https://127.0.0.1:9443/validate/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9443")]
    [InlineData("https://127.0.0.1:9443/?x=1")]
    public void Validate_BadUrl_Reported(string url)
    {
        new WebhookOptions { Url = new Uri(url) }.Validate().Should().ContainSingle().Which.Should().Contain("Url");
    }
}
