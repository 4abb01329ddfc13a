using System.Security.Cryptography.X509Certificates;
using HyperVIsolation.Operator.Admission.Certificates;
using HyperVIsolation.Operator.Hosting;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>
/// Serves the certificate the rotator installed in the holder, read on every handshake so a rotation is
/// picked up by the next connection. Until the first one is installed (CA not loaded, caches not synced) it
/// serves the self-signed stand-in, which the API server does not trust: its calls fail and
/// <c>failurePolicy: Fail</c> applies, rather than it hearing decisions made from an empty cache.
/// </summary>
/// <param name="holder">Where the rotator installs certificates.</param>
/// <param name="standIn">The untrusted certificate served until then.</param>
internal sealed class WebhookServerCertificateSource(ServingCertificateHolder holder, SelfSignedServerCertificateSource standIn) : IServerCertificateSource
{
    /// <inheritdoc />
    public X509Certificate2 GetCertificate() => holder.Current ?? standIn.GetCertificate();
}
