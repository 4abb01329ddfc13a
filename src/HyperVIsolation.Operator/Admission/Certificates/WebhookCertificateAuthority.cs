using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HyperVIsolation.Operator.Admission.Certificates;

/// <summary>
/// The operator's own CA for the webhook's serving certificates (ECDSA P-256). Its certificate is
/// the <c>caBundle</c> of the webhook configurations. It is exportable as PEM so every replica can
/// share one CA through a Secret: the API server trusts one bundle for all replicas.
/// </summary>
internal sealed class WebhookCertificateAuthority : IDisposable
{
    private WebhookCertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The CA certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificate as PEM, the <c>caBundle</c> content.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>Creates a new CA valid from <paramref name="now"/> for <paramref name="lifetime"/>.</summary>
    public static WebhookCertificateAuthority Create(string commonName, DateTimeOffset now, TimeSpan lifetime)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        // Back-date a little so a replica whose clock is slightly behind accepts the certificate.
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(lifetime));
        return new WebhookCertificateAuthority(CertificateKeys.MakePersistable(certificate));
    }

    /// <summary>Loads a CA from PEM (certificate and PKCS#8 ECDSA key), as stored in a Secret.</summary>
    public static WebhookCertificateAuthority FromPem(string certificatePem, string privateKeyPem)
    {
        using var certificate = X509Certificate2.CreateFromPem(certificatePem, privateKeyPem);
        return new WebhookCertificateAuthority(CertificateKeys.MakePersistable(certificate));
    }

    /// <summary>The private key as PKCS#8 PEM, for the Secret.</summary>
    public string ExportPrivateKeyPem()
    {
        using var key = Certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The CA has no ECDSA private key.");
        return key.ExportPkcs8PrivateKeyPem();
    }

    /// <inheritdoc />
    public void Dispose() => Certificate.Dispose();
}
