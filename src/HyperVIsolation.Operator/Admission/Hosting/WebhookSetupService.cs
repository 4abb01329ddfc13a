using HyperVIsolation.Operator.Admission.Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>
/// Brings the webhook up on every replica with the operator's own CA: waits for the caches admission reads (deciding
/// from an empty cache would admit everything), then runs a <see cref="WebhookCertificateSync"/> round at once and
/// every <see cref="WebhookCertificateOptions.CheckInterval"/>, each retried with backoff until it succeeds.
/// </summary>
/// <param name="context">Names and options.</param>
/// <param name="state">The informer-backed admission state.</param>
/// <param name="sync">One round of CA, caBundle and serving certificate.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">Where failures are logged.</param>
internal sealed class WebhookSetupService(
    WebhookServingContext context,
    InformerAdmissionState state,
    WebhookCertificateSync sync,
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
            await RetryAsync("sync webhook certificates", sync.SyncAsync, stoppingToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(context.Certificates.CheckInterval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RetryAsync("sync webhook certificates", sync.SyncAsync, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
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
