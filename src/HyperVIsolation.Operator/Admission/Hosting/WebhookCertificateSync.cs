using HyperVIsolation.Operator.Admission.Certificates;
using HyperVIsolation.Operator.Admission.Configuration;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>
/// Follows the shared CA Secret on one replica: each <see cref="SyncAsync"/> reads it (creating or rotating it when
/// needed), keeps the configurations' <c>caBundle</c> trusting every CA a replica may still serve from (when the
/// configurations are managed), and serves a certificate from the current CA. Remembers the CA it served from, so it
/// notices when another replica or an admin replaced it.
/// </summary>
/// <param name="context">Names and options.</param>
/// <param name="store">The CA Secret.</param>
/// <param name="writer">The configuration writer.</param>
/// <param name="holder">Where the serving certificate is installed.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">Where changes are logged.</param>
internal sealed class WebhookCertificateSync(
    WebhookServingContext context,
    CertificateAuthoritySecretStore store,
    WebhookConfigurationWriter writer,
    ServingCertificateHolder holder,
    TimeProvider time,
    ILogger<WebhookCertificateSync> logger)
{
    private readonly WebhookCertificateOptions certificates = context.Certificates;
    private readonly CertificateAuthorityTrust trust = new(context.Certificates.CaOverlap);
    private readonly WebhookCertificateRotator rotator = new(holder, context.Certificates, time);

    /// <summary>
    /// One round. The order is what keeps every replica trusted while the CA changes (rotated by a replica, replaced
    /// or deleted by an admin): (1) read the Secret; (2) put the new CA in the caBundle next to the old ones (the
    /// Secret's previous CA, the CA this replica served from until now, and any newer CA another replica already
    /// added), so replicas still serving from the old CA and replicas already on the new one are both trusted;
    /// (3) only after that write succeeded, serve a certificate from the new CA. A replica that fails step 2 keeps
    /// its old certificate, which the bundle still trusts. Old CAs leave the bundle only later: the replaced CA after
    /// <see cref="WebhookCertificateOptions.CaOverlap"/> (by then every replica has noticed and moved), a rotated
    /// CA when it expires.
    /// </summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        var snapshot = await store.SyncAsync(context.Namespace, context.Serving.CaSecretName, certificates.CaLifetime, cancellationToken).ConfigureAwait(false);
        using var authority = snapshot.Authority;
        var now = time.GetUtcNow();
        var first = trust.Current is null;
        if (trust.Observe(authority.Certificate, now))
        {
            WebhookHostingLog.CertificateAuthorityChanged(logger, context.Namespace, context.Serving.CaSecretName, authority.Certificate.Thumbprint);
        }
        else if (first)
        {
            WebhookHostingLog.CertificateAuthorityAdopted(logger, context.Namespace, context.Serving.CaSecretName);
        }

        if (context.Serving.ManageConfigurations)
        {
            var existing = (await writer.ReadCaBundlesAsync(context.Serving.ConfigurationName, cancellationToken).ConfigureAwait(false)).SelectMany(CaTrustBundle.Parse).ToList();
            var bundle = CaTrustBundle.Merge(existing, trust.Trusted(snapshot.Previous, now), now);
            await writer.ApplyAsync(WebhookConfigurationRenderer.Render(context.Configurations, CaTrustBundle.ToPem(bundle)), cancellationToken).ConfigureAwait(false);
        }

        if (rotator.RotateIfDue(authority) && holder.Current is { } current)
        {
            WebhookHostingLog.ServingCertificateInstalled(logger, current.NotAfter);
        }
    }
}
