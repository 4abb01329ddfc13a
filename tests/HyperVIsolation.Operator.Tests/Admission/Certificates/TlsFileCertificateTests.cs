using HyperVIsolation.Operator.Admission.Certificates;

namespace HyperVIsolation.Operator.Tests.Admission.Certificates;

public sealed class TlsFileCertificateTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_MatchingPair_CertificateWithKey()
    {
        using var authority = WebhookCertificateAuthority.Create("ca", Now, TimeSpan.FromDays(30));
        var (certificate, key) = CertificatePem.Issue(authority, Now);

        var result = TlsFileCertificate.Parse(certificate, key);

        result.Problem.Should().BeNull();
        result.Certificate!.HasPrivateKey.Should().BeTrue();
        result.Certificate.Issuer.Should().Be(authority.Certificate.Subject);
    }

    [Fact]
    public void Parse_ChainInCertificateFile_ServesTheLeaf()
    {
        using var authority = WebhookCertificateAuthority.Create("ca", Now, TimeSpan.FromDays(30));
        var (certificate, key) = CertificatePem.Issue(authority, Now);

        var result = TlsFileCertificate.Parse(certificate + "\n" + authority.CertificatePem + "\n", key);

        result.Certificate!.Subject.Should().Be("CN=webhook.hyperv-isolation.svc");
    }

    public static TheoryData<string, string> Unusable()
    {
        using var authority = WebhookCertificateAuthority.Create("ca", Now, TimeSpan.FromDays(30));
        var (certificate, key) = CertificatePem.Issue(authority, Now);
        var (_, otherKey) = CertificatePem.Issue(authority, Now);
        return new TheoryData<string, string>
        {
            { string.Empty, key },
            { certificate, string.Empty },
            { certificate[..(certificate.Length / 2)], key },
            { certificate, key[..(key.Length / 2)] },
            { certificate, otherKey },
            { "not pem", "not pem" },
        };
    }

    [Theory]
    [MemberData(nameof(Unusable))]
    public void Parse_UnusableFiles_RejectedWithReason(string certificate, string key)
    {
        var result = TlsFileCertificate.Parse(certificate, key);

        result.Certificate.Should().BeNull();
        result.Problem.Should().NotBeNullOrWhiteSpace();
    }
}
