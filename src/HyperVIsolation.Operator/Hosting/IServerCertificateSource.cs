using System.Security.Cryptography.X509Certificates;

namespace HyperVIsolation.Operator.Hosting;

/// <summary>
/// Supplies the admission webhook's TLS certificate. Asked on every TLS handshake, so an implementation
/// that watches its files (cert-manager rotation) serves a renewed certificate without a restart.
/// Until the admission feature registers one, <see cref="SelfSignedServerCertificateSource"/> is used.
/// </summary>
public interface IServerCertificateSource
{
    /// <summary>The certificate, with its private key, to present now.</summary>
    /// <returns>The certificate.</returns>
    X509Certificate2 GetCertificate();
}
