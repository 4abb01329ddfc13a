using HyperVIsolation.Operator.Admission.Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>
/// The webhook's TLS in cert-manager mode (<c>Webhook:CertificateDirectory</c> set): waits for the caches
/// admission reads, then serves the mounted certificate and polls it every
/// <see cref="WebhookCertificateOptions.FilePollInterval"/>. It creates no CA and writes no configuration: cert-manager
/// renews the certificate and its cainjector keeps <c>caBundle</c> current.
/// </summary>
/// <param name="context">Names and options.</param>
/// <param name="state">The informer-backed admission state.</param>
/// <param name="holder">Where the serving certificate is installed.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">Where loads and refusals are logged.</param>
internal sealed class CertificateDirectoryService(
    WebhookServingContext context,
    InformerAdmissionState state,
    ServingCertificateHolder holder,
    TimeProvider time,
    ILogger<CertificateDirectoryService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var directory = context.Serving.CertificateDirectory ?? throw new InvalidOperationException("Webhook:CertificateDirectory is not set.");
        var reloader = new CertificateDirectoryReloader(directory, holder, logger);
        try
        {
            await state.WaitForSyncAsync(stoppingToken).ConfigureAwait(false);
            await reloader.RunAsync(context.Certificates.FilePollInterval, time, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
