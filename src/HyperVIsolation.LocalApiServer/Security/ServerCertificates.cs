using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HyperVIsolation.LocalApiServer.Security;

/// <summary>
/// A throw-away certificate authority and a loopback serving certificate it signs, generated in
/// process. Clients trust the CA through the kubeconfig's <c>certificate-authority-data</c>.
/// </summary>
public sealed class ServerCertificates : IDisposable
{
    private ServerCertificates(X509Certificate2 authority, X509Certificate2 serving)
    {
        Authority = authority;
        Serving = serving;
    }

    /// <summary>The CA certificate (public part only is handed to clients).</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The serving certificate with its private key, for 127.0.0.1 and localhost.</summary>
    public X509Certificate2 Serving { get; }

    /// <summary>PEM of the CA certificate.</summary>
    public string AuthorityPem => Authority.ExportCertificatePem();

    /// <summary>Generates a CA valid for a year and a serving certificate it signs.</summary>
    public static ServerCertificates Generate(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=hyperv-isolation-local-ca", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        var authority = authorityRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));

        using var servingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var servingRequest = new CertificateRequest("CN=hyperv-isolation-local-apiserver", servingKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        servingRequest.CertificateExtensions.Add(names.Build());
        servingRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        servingRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        servingRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        servingRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // Go rejects negative serial numbers.
        using var signed = servingRequest.Create(authority, now.AddMinutes(-5), now.AddYears(1).AddDays(-1), serial);
        using var withKey = signed.CopyWithPrivateKey(servingKey);

        // Re-import through PKCS#12 so the key is usable by the TLS stack on every platform.
        var serving = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        var publicAuthority = X509CertificateLoader.LoadCertificate(authority.Export(X509ContentType.Cert));
        authority.Dispose();
        return new ServerCertificates(publicAuthority, serving);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Authority.Dispose();
        Serving.Dispose();
    }
}
