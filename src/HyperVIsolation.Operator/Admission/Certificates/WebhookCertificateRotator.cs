namespace HyperVIsolation.Operator.Admission.Certificates;

/// <summary>
/// Keeps the serving certificate fresh: <see cref="RotateIfDue"/> issues a new certificate from the given CA when
/// none is installed, renewal is due, or the installed one came from another CA (the CA Secret was rotated or
/// replaced), and installs it in the holder (Kestrel uses it from the next handshake).
/// </summary>
/// <param name="holder">Where the certificate is installed.</param>
/// <param name="options">Service name, namespace and lifetimes.</param>
/// <param name="time">The clock.</param>
internal sealed class WebhookCertificateRotator(
    ServingCertificateHolder holder,
    WebhookCertificateOptions options,
    TimeProvider time)
{
    private string? issuedBy;

    /// <summary>Issues and installs a certificate from <paramref name="authority"/> when due; returns whether it did.</summary>
    public bool RotateIfDue(WebhookCertificateAuthority authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        var now = time.GetUtcNow();
        var sameAuthority = string.Equals(issuedBy, authority.Certificate.Thumbprint, StringComparison.OrdinalIgnoreCase);
        if (sameAuthority && holder.Current is { } current && !CertificateRenewalPolicy.IsDue(current.NotBefore, current.NotAfter, now))
        {
            return false;
        }

        holder.Set(ServingCertificateIssuer.Issue(authority, options.ServiceName, options.ServiceNamespace, now, options.ServingCertificateLifetime, options.AdditionalNames));
        issuedBy = authority.Certificate.Thumbprint;
        return true;
    }
}
