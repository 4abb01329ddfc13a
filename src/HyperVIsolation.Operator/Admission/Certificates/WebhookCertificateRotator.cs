using System.Security.Cryptography.X509Certificates;

namespace HyperVIsolation.Operator.Admission.Certificates;

/// <summary>
/// Keeps the serving certificate fresh: <see cref="RotateIfDue"/> issues a new certificate from
/// the CA when none is installed or renewal is due, and installs it in the holder (Kestrel uses
/// it from the next handshake). <see cref="RunAsync"/> checks on a timer driven by
/// <see cref="TimeProvider"/>, so tests advance a fake clock.
/// </summary>
/// <param name="authority">The CA that signs serving certificates.</param>
/// <param name="holder">Where the certificate is installed.</param>
/// <param name="options">Service name, namespace and lifetimes.</param>
/// <param name="time">The clock.</param>
internal sealed class WebhookCertificateRotator(
    WebhookCertificateAuthority authority,
    ServingCertificateHolder holder,
    WebhookCertificateOptions options,
    TimeProvider time)
{
    /// <summary>Issues and installs a certificate when due; returns whether it did.</summary>
    public bool RotateIfDue()
    {
        var now = time.GetUtcNow();
        if (holder.Current is { } current && !CertificateRenewalPolicy.IsDue(current.NotBefore, current.NotAfter, now))
        {
            return false;
        }

        X509Certificate2 issued = ServingCertificateIssuer.Issue(authority, options.ServiceName, options.ServiceNamespace, now, options.ServingCertificateLifetime, options.AdditionalNames);
        holder.Set(issued);
        return true;
    }

    /// <summary>Rotates now and then every <see cref="WebhookCertificateOptions.CheckInterval"/> until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        RotateIfDue();
        using var timer = new PeriodicTimer(options.CheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                RotateIfDue();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
