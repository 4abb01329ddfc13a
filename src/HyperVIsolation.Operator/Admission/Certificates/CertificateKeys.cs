using System.Security.Cryptography.X509Certificates;

namespace HyperVIsolation.Operator.Admission.Certificates;

/// <summary>
/// Certificates made with <c>CertificateRequest</c> hold an ephemeral key, which SChannel on
/// Windows cannot use for TLS; a PKCS#12 round trip gives a key every platform's TLS stack loads.
/// </summary>
internal static class CertificateKeys
{
    /// <summary>A copy of <paramref name="certificate"/> with a key TLS can use.</summary>
    public static X509Certificate2 MakePersistable(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var pfx = certificate.Export(X509ContentType.Pkcs12);
        return X509CertificateLoader.LoadPkcs12(pfx, password: null, X509KeyStorageFlags.Exportable);
    }
}
