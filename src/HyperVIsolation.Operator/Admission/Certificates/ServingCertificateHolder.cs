using System.Security.Cryptography.X509Certificates;

namespace HyperVIsolation.Operator.Admission.Certificates;

/// <summary>
/// The certificate Kestrel serves, swappable at run time: Kestrel asks for it on every TLS handshake (the operator
/// through <see cref="WaitForCertificateAsync"/>, simple hosts through <see cref="Select"/>), so a rotated certificate is used
/// by the next connection without a restart. The replaced certificate is not disposed, because
/// handshakes in flight may still hold it; it is left to the finalizer. Handshakes and start-up wait for the first
/// one with <see cref="WaitForCertificateAsync"/>.
/// </summary>
internal sealed class ServingCertificateHolder
{
    private readonly TaskCompletionSource installed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile X509Certificate2? current;
    private volatile string? problem;

    /// <summary>Raised after a new certificate is installed.</summary>
    public event EventHandler<X509Certificate2>? Changed;

    /// <summary>The certificate served now, if any.</summary>
    public X509Certificate2? Current => current;

    /// <summary>
    /// Why the latest replacement was refused (the certificate files were partial or invalid) while
    /// <see cref="Current"/> keeps being served; null once a replacement succeeds.
    /// </summary>
    public string? Problem => problem;

    /// <summary>Installs <paramref name="certificate"/> for new connections and clears <see cref="Problem"/>.</summary>
    public void Set(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        current = certificate;
        problem = null;
        installed.TrySetResult();
        Changed?.Invoke(this, certificate);
    }

    /// <summary>The certificate served now, once there is one: completes at once after the first <see cref="Set"/>.</summary>
    public async ValueTask<X509Certificate2> WaitForCertificateAsync(CancellationToken cancellationToken)
    {
        if (current is { } now)
        {
            return now;
        }

        await installed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return current!;
    }

    /// <summary>Records that a replacement was refused; the current certificate stays.</summary>
    public void Refuse(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        problem = reason;
    }

    /// <summary>The selector Kestrel calls with the connection and the SNI host name.</summary>
    public X509Certificate2? Select(object? connection, string? hostName) => current;
}
