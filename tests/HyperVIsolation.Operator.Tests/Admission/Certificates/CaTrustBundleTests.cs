using System.Security.Cryptography.X509Certificates;
using HyperVIsolation.Operator.Admission.Certificates;

namespace HyperVIsolation.Operator.Tests.Admission.Certificates;

public sealed class CaTrustBundleTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Merge_StaleReplicaAndNewerCaInBundle_KeepsNewerCa()
    {
        using var old = WebhookCertificateAuthority.Create("ca", Now, TimeSpan.FromDays(3650));
        using var rotated = WebhookCertificateAuthority.Create("ca", Now.AddDays(1), TimeSpan.FromDays(3650));

        var merged = CaTrustBundle.Merge([rotated.Certificate, old.Certificate], [old.Certificate], Now.AddDays(1));

        Thumbprints(merged).Should().Equal(rotated.Certificate.Thumbprint, old.Certificate.Thumbprint);
    }

    [Fact]
    public void Merge_OlderCaNoLongerTrusted_Dropped()
    {
        using var old = WebhookCertificateAuthority.Create("ca", Now, TimeSpan.FromDays(3650));
        using var current = WebhookCertificateAuthority.Create("ca", Now.AddDays(1), TimeSpan.FromDays(3650));

        var merged = CaTrustBundle.Merge([current.Certificate, old.Certificate], [current.Certificate], Now.AddDays(1));

        Thumbprints(merged).Should().Equal(current.Certificate.Thumbprint);
    }

    [Fact]
    public void Merge_ExpiredPreviousCa_Dropped()
    {
        using var expired = WebhookCertificateAuthority.Create("ca", Now, TimeSpan.FromDays(1));
        using var current = WebhookCertificateAuthority.Create("ca", Now.AddDays(2), TimeSpan.FromDays(3650));

        var merged = CaTrustBundle.Merge([], [current.Certificate, expired.Certificate], Now.AddDays(2));

        Thumbprints(merged).Should().Equal(current.Certificate.Thumbprint);
    }

    [Fact]
    public void ToPem_SameCasInAnyOrderAndDuplicated_IdenticalBytes()
    {
        using var first = WebhookCertificateAuthority.Create("ca", Now, TimeSpan.FromDays(3650));
        using var second = WebhookCertificateAuthority.Create("ca", Now.AddDays(1), TimeSpan.FromDays(3650));

        var one = CaTrustBundle.ToPem(CaTrustBundle.Merge([first.Certificate], [second.Certificate, first.Certificate], Now.AddDays(1)));
        var other = CaTrustBundle.ToPem(CaTrustBundle.Merge([second.Certificate, first.Certificate], [first.Certificate, second.Certificate, first.Certificate], Now.AddDays(1)));

        one.Should().Equal(other);
        Thumbprints(CaTrustBundle.Parse(one)).Should().Equal(second.Certificate.Thumbprint, first.Certificate.Thumbprint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")]
    public void Parse_EmptyOrGarbage_NoCertificates(string pem) =>
        CaTrustBundle.Parse(System.Text.Encoding.ASCII.GetBytes(pem)).Should().BeEmpty();

    [Fact]
    public void Trusted_CaReplaced_OldOneStaysForTheOverlapOnly()
    {
        using var old = WebhookCertificateAuthority.Create("ca", Now, TimeSpan.FromDays(3650));
        using var replacement = WebhookCertificateAuthority.Create("ca", Now, TimeSpan.FromDays(3650));
        var trust = new CertificateAuthorityTrust(TimeSpan.FromMinutes(15));
        trust.Observe(old.Certificate, Now).Should().BeFalse();

        var changed = trust.Observe(replacement.Certificate, Now.AddMinutes(1));

        changed.Should().BeTrue();
        Thumbprints(trust.Trusted([], Now.AddMinutes(15))).Should().Equal(replacement.Certificate.Thumbprint, old.Certificate.Thumbprint);
        Thumbprints(trust.Trusted([], Now.AddMinutes(16))).Should().Equal(replacement.Certificate.Thumbprint);
    }

    private static IEnumerable<string> Thumbprints(IEnumerable<X509Certificate2> certificates) => certificates.Select(certificate => certificate.Thumbprint);
}
