using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HyperVIsolation.Operator.Admission.Certificates;

/// <summary>
/// Turns the <c>tls.crt</c>/<c>tls.key</c> of a <c>kubernetes.io/tls</c> Secret (what cert-manager writes) into a
/// certificate Kestrel can serve, or says why it cannot: a file missing or empty, PEM that does not parse, or a key
/// that is not the certificate's. Pure: the caller reads the files.
/// </summary>
internal static class TlsFileCertificate
{
    /// <summary>The certificate (the first one in <c>tls.crt</c>, with its key) or the reason it is unusable.</summary>
    public static TlsFileCertificateResult Parse(string? certificatePem, string? privateKeyPem)
    {
        if (string.IsNullOrWhiteSpace(certificatePem))
        {
            return TlsFileCertificateResult.Rejected("tls.crt is missing or empty");
        }

        if (string.IsNullOrWhiteSpace(privateKeyPem))
        {
            return TlsFileCertificateResult.Rejected("tls.key is missing or empty");
        }

        try
        {
            // CreateFromPem also refuses a key that does not belong to the certificate.
            using var certificate = X509Certificate2.CreateFromPem(certificatePem, privateKeyPem);
            return TlsFileCertificateResult.Loaded(CertificateKeys.MakePersistable(certificate));
        }
        catch (CryptographicException exception)
        {
            return TlsFileCertificateResult.Rejected($"tls.crt and tls.key do not form a usable certificate: {exception.Message}");
        }
        catch (ArgumentException exception)
        {
            return TlsFileCertificateResult.Rejected($"tls.crt or tls.key is not PEM: {exception.Message}");
        }
    }
}
