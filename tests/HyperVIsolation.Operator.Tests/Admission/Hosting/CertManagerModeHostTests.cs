using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.Operator.Admission.Certificates;
using HyperVIsolation.Operator.Admission.Hosting;
using HyperVIsolation.Operator.Tests.Admission.Certificates;
using HyperVIsolation.Operator.Tests.Admission.Http;
using HyperVIsolation.Operator.Tests.Hosting;
using HyperVIsolation.Operator.Tests.Integration;
using k8s;
using Microsoft.Extensions.Configuration;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Operator.Tests.Admission.Hosting;

/// <summary>The whole operator host in cert-manager mode against a local API server.</summary>
public sealed class CertManagerModeHostTests
{
    [Fact]
    public async Task Start_CertificateDirectory_ServesMountedCertificateAndCreatesNoCaNorConfigurations()
    {
        await using var server = await ApiServer.StartAsync(new LocalApiServerOptions(), CancellationToken.None);
        using var admin = server.CreateClient();
        await TestOperatorHost.InstallCrdsAsync(admin);
        using var authority = WebhookCertificateAuthority.Create("cert-manager-ca", DateTimeOffset.UtcNow, TimeSpan.FromDays(30));
        using var volume = new KubeletSecretVolume();
        var (certificate, key) = CertificatePem.Issue(authority, DateTimeOffset.UtcNow, AdmissionServer.ServiceName, AdmissionServer.ServiceNamespace);
        volume.Write(new Dictionary<string, string> { ["tls.crt"] = certificate, ["tls.key"] = key });
        using var mounted = X509Certificate2.CreateFromPem(certificate);
        var port = LoopbackPorts.Next();
        await using var host = TestOperatorHost.Create(server, "cert-manager-mode", builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhook:Port"] = port.ToString(CultureInfo.InvariantCulture),
            [$"{WebhookOptions.SectionName}:CertificateDirectory"] = volume.Path,
        }));

        await host.App.StartAsync();
        var served = await Poll.UntilAsync(() => ServedSerialAsync(authority, port), serial => serial is not null, "the webhook port served a certificate the cert-manager CA trusts");

        served.Should().Be(mounted.SerialNumber);
        (await admin.CoreV1.ListNamespacedSecretAsync("default")).Items.Should().BeEmpty("cert-manager mode creates no CA");
        (await admin.AdmissionregistrationV1.ListValidatingWebhookConfigurationAsync()).Items.Should().BeEmpty("cainjector, not the operator, owns caBundle");
        (await admin.AdmissionregistrationV1.ListMutatingWebhookConfigurationAsync()).Items.Should().BeEmpty();
    }

    /// <summary>The serial number of the certificate a handshake accepted, or null while none can be served.</summary>
    private static async Task<string?> ServedSerialAsync(WebhookCertificateAuthority authority, int port)
    {
        var seen = new List<X509Certificate2>();
        using var client = AdmissionServer.CreateClient(authority.Certificate, port, seen.Add);
        try
        {
            using var response = await client.PostAsync("/validate/pods", new StringContent("{}"));
            return seen.LastOrDefault()?.SerialNumber;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
