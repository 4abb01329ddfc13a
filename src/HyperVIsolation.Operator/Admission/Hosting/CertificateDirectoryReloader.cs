using HyperVIsolation.Operator.Admission.Certificates;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>
/// Serves the certificate of a mounted <c>kubernetes.io/tls</c> Secret (cert-manager's) and picks up its renewals.
/// The kubelet updates such a volume by writing a new timestamped directory and swapping the <c>..data</c> symlink,
/// so <see cref="Reload"/> resolves <c>..data</c> once and reads both files from that one directory (never a new
/// certificate with an old key), and compares contents rather than trusting file events or timestamps. Unusable
/// files (partial, not PEM, key not matching) leave the current certificate in place and are reported on the holder.
/// </summary>
/// <param name="directory">The mount: <c>tls.crt</c> and <c>tls.key</c>, directly or behind <c>..data</c>.</param>
/// <param name="holder">Where the certificate is installed.</param>
/// <param name="logger">Where loads and refusals are logged.</param>
internal sealed class CertificateDirectoryReloader(string directory, ServingCertificateHolder holder, ILogger logger)
{
    /// <summary>File name of the certificate (chain) in a TLS Secret volume.</summary>
    public const string CertificateFile = "tls.crt";

    /// <summary>File name of the private key in a TLS Secret volume.</summary>
    public const string PrivateKeyFile = "tls.key";

    private const string AtomicWriterLink = "..data";

    private string? lastCertificate;
    private string? lastKey;
    private bool seenOnce;

    /// <summary>Reads the files and installs their certificate when they changed; returns whether a certificate was installed.</summary>
    public bool Reload()
    {
        var (certificatePem, keyPem, readProblem) = Read();
        if (seenOnce && certificatePem == lastCertificate && keyPem == lastKey && readProblem is null)
        {
            return false;
        }

        seenOnce = true;
        lastCertificate = certificatePem;
        lastKey = keyPem;
        var result = readProblem is null ? TlsFileCertificate.Parse(certificatePem, keyPem) : TlsFileCertificateResult.Rejected(readProblem);
        if (result.Certificate is { } certificate)
        {
            holder.Set(certificate);
            WebhookHostingLog.CertificateFilesLoaded(logger, directory, certificate.NotAfter);
            return true;
        }

        holder.Refuse(result.Problem!);
        WebhookHostingLog.CertificateFilesRefused(logger, directory, result.Problem!);
        return false;
    }

    /// <summary>Reloads now and then every <paramref name="interval"/> of <paramref name="time"/> until cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        Reload();
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Reload();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private (string? Certificate, string? Key, string? Problem) Read()
    {
        try
        {
            var source = Snapshot();
            return (ReadIfExists(Path.Combine(source, CertificateFile)), ReadIfExists(Path.Combine(source, PrivateKeyFile)), null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Includes the kubelet deleting the old timestamped directory between our resolve and our read; the next
            // poll reads the new one.
            return (null, null, $"cannot read {directory}: {exception.Message}");
        }
    }

    /// <summary>The directory both files are read from: the target of <c>..data</c> when the volume has one.</summary>
    private string Snapshot()
    {
        var link = new DirectoryInfo(Path.Combine(directory, AtomicWriterLink));
        if (!link.Exists)
        {
            return directory;
        }

        return link.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? link.FullName;
    }

    private static string? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
