using System.Text;
using HyperVIsolation.Operator.Admission.Certificates;
using HyperVIsolation.Operator.Admission.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>
/// Brings the webhook up on every replica: waits for the caches admission reads (deciding from an empty
/// cache would admit everything), loads or creates the shared CA, installs a serving certificate, then
/// (when configured) creates or patches the webhook configurations with the CA as <c>caBundle</c>. After that
/// it checks on a timer: renews the serving certificate when due and re-applies the configurations, which
/// costs two reads and no write while nobody changed them. Each step retries with backoff until it succeeds.
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

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await state.WaitForSyncAsync(stoppingToken).ConfigureAwait(false);
            var certificates = context.Certificates;
            using var authority = await RetryAsync("load CA", token => store.LoadOrCreateAsync(context.Namespace, context.Serving.CaSecretName, certificates.CaLifetime, token), stoppingToken).ConfigureAwait(false);
            var rotator = new WebhookCertificateRotator(authority, holder, certificates, time);
            Rotate(rotator);
            await ApplyConfigurationsAsync(authority, stoppingToken).ConfigureAwait(false);

            using var timer = new PeriodicTimer(certificates.CheckInterval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Rotate(rotator);
                await ApplyConfigurationsAsync(authority, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private void Rotate(WebhookCertificateRotator rotator)
    {
        if (rotator.RotateIfDue() && holder.Current is { } current)
        {
            WebhookHostingLog.ServingCertificateInstalled(logger, current.NotAfter);
        }
    }

    private async Task ApplyConfigurationsAsync(WebhookCertificateAuthority authority, CancellationToken cancellationToken)
    {
        if (!context.Serving.ManageConfigurations)
        {
            return;
        }

        var desired = WebhookConfigurationRenderer.Render(context.Configurations, Encoding.UTF8.GetBytes(authority.CertificatePem));
        await RetryAsync("apply webhook configurations", token => writer.ApplyAsync(desired, token), cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> RetryAsync<T>(string step, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        var delay = FirstRetry;
        while (true)
        {
            try
            {
                return await action(cancellationToken).ConfigureAwait(false);
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
