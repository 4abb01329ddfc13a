using System.Security.Cryptography.X509Certificates;
using HyperVIsolation.Operator.Admission.Certificates;
using HyperVIsolation.Operator.Hosting;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>
/// Serves the certificate installed in the holder, read on every handshake so a rotation is picked up by the next
/// connection. A handshake that arrives before the first one (caches not synced, CA not loaded, cert-manager's files
/// not read yet) waits for it rather than being served a certificate the API server does not trust: the API server's
/// call is answered late instead of failing, and it never hears decisions made from an empty cache.
/// </summary>
/// <param name="holder">Where the rotator or the directory reloader installs certificates.</param>
internal sealed class WebhookServerCertificateSource(ServingCertificateHolder holder) : IServerCertificateSource
{
    /// <inheritdoc />
    public ValueTask<X509Certificate2> GetCertificateAsync(CancellationToken cancellationToken) => holder.WaitForCertificateAsync(cancellationToken);
}
