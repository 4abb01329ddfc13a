using System.Security.Cryptography.X509Certificates;

namespace HyperVIsolation.Operator.Hosting;

/// <summary>
/// Supplies the admission webhook's TLS certificate. Asked on every TLS handshake, so an implementation
/// that watches its files (cert-manager rotation) serves a renewed certificate without a restart.
/// </summary>
public interface IServerCertificateSource
{
    /// <summary>
    /// The certificate, with its private key, to present now; waits while there is none the API server would trust
    /// (the handshake stays open, bounded by Kestrel's handshake timeout, instead of failing verification).
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the handshake times out or the connection closes.</param>
    /// <returns>The certificate.</returns>
    ValueTask<X509Certificate2> GetCertificateAsync(CancellationToken cancellationToken);
}
