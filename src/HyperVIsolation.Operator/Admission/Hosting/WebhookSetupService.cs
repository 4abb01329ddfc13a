using HyperVIsolation.Operator.Admission.Certificates;
using HyperVIsolation.Operator.Admission.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>
/// Brings the webhook up on every replica with the operator's own CA: waits for the caches admission reads (deciding
/// from an empty cache would admit everything), then every <see cref="WebhookCertificateOptions.CheckInterval"/>
/// reads the shared CA Secret (creating or rotating it when needed), makes the configurations' <c>caBundle</c> trust
/// it (when configured), and only then serves a certificate from it. Each round retries with backoff until it succeeds.
/// </summary>
/// <param name="context">Names and options.</param>
/// <param name="state">The informer-backed admission state.</param>
/// <param name="store">The CA Secret.</param>
/// <param name="writer">The configuration writer.</param>
/// <param name="holder">Where the serving certificate is installed.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">Where progress is logged.</param>
internal sealed class WebhookSetupService(
    WebhookServingContext context,
    InformerAdmissionState state,
    CertificateAuthoritySecretStore store,
    WebhookConfigurationWriter writer,
    ServingCertificateHolder holder,
    TimeProvider time,
    ILogger<WebhookSetupService> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    private readonly WebhookCertificateOptions certificates = context.Certificates;
    private readonly CertificateAuthorityTrust trust = new(context.Certificates.CaOverlap);
    private readonly WebhookCertificateRotator rotator = new(holder, context.Certificates, time);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await state.WaitForSyncAsync(stoppingToken).ConfigureAwait(false);
            await RetryAsync("sync webhook certificates", SyncAsync, stoppingToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(certificates.CheckInterval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RetryAsync("sync webhook certificates", SyncAsync, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

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
    internal async Task SyncAsync(CancellationToken cancellationToken)
    {
        var snapshot = await store.SyncAsync(context.Namespace, context.Serving.CaSecretName, certificates.CaLifetime, cancellationToken).ConfigureAwait(false);
        using var authority = snapshot.Authority;
        var now = time.GetUtcNow();
        if (trust.Observe(authority.Certificate, now))
        {
            WebhookHostingLog.CertificateAuthorityChanged(logger, context.Namespace, context.Serving.CaSecretName, authority.Certificate.Thumbprint);
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

    private async Task RetryAsync(string step, Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        var delay = FirstRetry;
        while (true)
        {
            try
            {
                await action(cancellationToken).ConfigureAwait(false);
                return;
            }
#pragma warning disable CA1031 // Any failure (API down, forbidden, malformed Secret) is retried; the log says why.
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                WebhookHostingLog.StepFailed(logger, exception, step, delay);
            }

            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LastRetry.Ticks));
        }
    }
}
