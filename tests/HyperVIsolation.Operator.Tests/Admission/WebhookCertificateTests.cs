using System.Net;
using System.Security.Cryptography.X509Certificates;
using HyperVIsolation.Operator.Admission.Certificates;
using HyperVIsolation.Operator.Tests.Admission.Http;
using Microsoft.Extensions.Time.Testing;

namespace HyperVIsolation.Operator.Tests.Admission;

public sealed class WebhookCertificateTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Issue_ServingCertificate_EcdsaP256WithServiceSansChainedToCa()
    {
        using var authority = WebhookCertificateAuthority.Create("ca", Now, TimeSpan.FromDays(3650));

        using var certificate = ServingCertificateIssuer.Issue(authority, "webhook", "hyperv-isolation", Now, TimeSpan.FromDays(90));

        certificate.HasPrivateKey.Should().BeTrue();
        using var key = certificate.GetECDsaPublicKey()!;
        key.KeySize.Should().Be(256);
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames()
            .Should().Equal("webhook.hyperv-isolation.svc", "webhook.hyperv-isolation.svc.cluster.local");
        certificate.NotAfter.ToUniversalTime().Should().Be(Now.AddDays(90).UtcDateTime);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.AddDays(1).UtcDateTime;
        chain.Build(certificate).Should().BeTrue();
    }

    [Fact]
    public void FromPem_ExportedAuthority_IssuesCertificatesTheOriginalTrusts()
    {
        using var original = WebhookCertificateAuthority.Create("ca", Now, TimeSpan.FromDays(3650));
        using var loaded = WebhookCertificateAuthority.FromPem(original.CertificatePem, original.ExportPrivateKeyPem());

        using var certificate = ServingCertificateIssuer.Issue(loaded, "webhook", "ns", Now, TimeSpan.FromDays(1));

        certificate.Issuer.Should().Be(original.Certificate.Subject);
        loaded.Certificate.Thumbprint.Should().Be(original.Certificate.Thumbprint);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(59, false)]
    [InlineData(61, true)]
    [InlineData(95, true)]
    public void IsDue_AfterTwoThirdsOfLifetime(int days, bool due) =>
        CertificateRenewalPolicy.IsDue(Now, Now.AddDays(90), Now.AddDays(days)).Should().Be(due);

    [Fact]
    public void RotateIfDue_FakeClock_RenewsOnlyWhenDue()
    {
        var time = new FakeTimeProvider(Now);
        using var authority = WebhookCertificateAuthority.Create("ca", Now, TimeSpan.FromDays(3650));
        var holder = new ServingCertificateHolder();
        var rotator = new WebhookCertificateRotator(holder, new WebhookCertificateOptions { ServiceName = "webhook", ServiceNamespace = "ns" }, time);

        rotator.RotateIfDue(authority).Should().BeTrue();
        var first = holder.Current!;
        time.Advance(TimeSpan.FromDays(30));
        rotator.RotateIfDue(authority).Should().BeFalse();
        time.Advance(TimeSpan.FromDays(31));
        rotator.RotateIfDue(authority).Should().BeTrue();

        holder.Current!.Thumbprint.Should().NotBe(first.Thumbprint);
    }

    [Fact]
    public void RotateIfDue_OtherCa_ReissuesFromItAtOnce()
    {
        var time = new FakeTimeProvider(Now);
        using var first = WebhookCertificateAuthority.Create("ca", Now, TimeSpan.FromDays(3650));
        using var second = WebhookCertificateAuthority.Create("ca", Now, TimeSpan.FromDays(3650));
        var holder = new ServingCertificateHolder();
        var rotator = new WebhookCertificateRotator(holder, new WebhookCertificateOptions { ServiceName = "webhook", ServiceNamespace = "ns" }, time);
        rotator.RotateIfDue(first);

        var rotated = rotator.RotateIfDue(second);

        rotated.Should().BeTrue();
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(second.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.AddDays(1).UtcDateTime;
        chain.Build(holder.Current!).Should().BeTrue();
    }

    [Fact]
    public async Task Kestrel_CertificateRotated_NextConnectionSeesNewCertificateWithoutRestart()
    {
        await using var server = await AdmissionServer.StartAsync(AdmissionFixtures.State());
        var seen = new List<X509Certificate2>();
        var before = server.Holder.Current!.Thumbprint;
        using (var client = AdmissionServer.CreateClient(server.Authority.Certificate, server.Port, seen.Add))
        {
            (await client.PostAsync("/validate/pods", new StringContent("{}"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        server.Holder.Set(ServingCertificateIssuer.Issue(server.Authority, AdmissionServer.ServiceName, AdmissionServer.ServiceNamespace, DateTimeOffset.UtcNow, TimeSpan.FromDays(2)));
        using (var client = AdmissionServer.CreateClient(server.Authority.Certificate, server.Port, seen.Add))
        {
            (await client.PostAsync("/validate/pods", new StringContent("{}"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        seen.Select(certificate => certificate.Thumbprint).Should().Equal(before, server.Holder.Current!.Thumbprint);
    }

    [Fact]
    public async Task Kestrel_ClientTrustingAnotherCa_HandshakeFails()
    {
        await using var server = await AdmissionServer.StartAsync(AdmissionFixtures.State());
        using var other = WebhookCertificateAuthority.Create("other", DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        using var client = AdmissionServer.CreateClient(other.Certificate, server.Port, _ => { });

        var post = () => client.PostAsync("/validate/pods", new StringContent("{}"));

        await post.Should().ThrowAsync<HttpRequestException>();
    }
}
