using System.Security.Cryptography.X509Certificates;

namespace HyperVIsolation.Operator.Admission.Certificates;

/// <summary>What <see cref="TlsFileCertificate.Parse"/> made of the files: a certificate, or why there is none.</summary>
/// <param name="Certificate">The certificate with its private key, when usable.</param>
/// <param name="Problem">Why the files are unusable, otherwise.</param>
internal sealed record TlsFileCertificateResult(X509Certificate2? Certificate, string? Problem)
{
    /// <summary>A usable certificate.</summary>
    public static TlsFileCertificateResult Loaded(X509Certificate2 certificate) => new(certificate, null);

    /// <summary>Unusable files.</summary>
    public static TlsFileCertificateResult Rejected(string problem) => new(null, problem);
}
