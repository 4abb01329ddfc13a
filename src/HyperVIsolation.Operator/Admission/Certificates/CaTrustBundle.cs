using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace HyperVIsolation.Operator.Admission.Certificates;

/// <summary>
/// The <c>caBundle</c> of the webhook configurations as a set of CA certificates. Every replica renders it from
/// what it trusts, merged with what the configurations already hold; the order is canonical (newest first, then by
/// thumbprint) so replicas that agree write identical bytes and the writer sees nothing to change. Pure.
/// </summary>
internal static class CaTrustBundle
{
    /// <summary>The certificates of a PEM bundle; an empty or unreadable bundle is empty.</summary>
    public static IReadOnlyList<X509Certificate2> Parse(byte[]? pem)
    {
        if (pem is not { Length: > 0 })
        {
            return [];
        }

        try
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPem(Encoding.ASCII.GetString(pem));
            return [.. collection];
        }
        catch (CryptographicException)
        {
            return [];
        }
    }

    /// <summary>
    /// What the bundle should hold: every CA in <paramref name="trusted"/> (the first is the replica's current CA),
    /// plus every CA of <paramref name="existing"/> that is newer than all of them and not expired. The second part
    /// is why a replica that has not yet noticed a CA rotation cannot strip the new CA another replica already
    /// serves from: it only drops CAs older than its own. Expired CAs other than the current one are dropped.
    /// </summary>
    public static IReadOnlyList<X509Certificate2> Merge(IReadOnlyList<X509Certificate2> existing, IReadOnlyList<X509Certificate2> trusted, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(trusted);
        if (trusted.Count == 0)
        {
            throw new ArgumentException("The current CA must be trusted.", nameof(trusted));
        }

        var newestTrusted = trusted.Max(NotBefore);
        var current = trusted[0];
        return trusted
            .Concat(existing.Where(certificate => NotBefore(certificate) > newestTrusted))
            .Where(certificate => certificate == current || NotAfter(certificate) > now)
            .DistinctBy(certificate => certificate.Thumbprint, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(NotBefore)
            .ThenBy(certificate => certificate.Thumbprint, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>The certificates as concatenated PEM, the <c>caBundle</c> bytes.</summary>
    public static byte[] ToPem(IEnumerable<X509Certificate2> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var builder = new StringBuilder();
        foreach (var certificate in certificates)
        {
            builder.Append(certificate.ExportCertificatePem()).Append('\n');
        }

        return Encoding.ASCII.GetBytes(builder.ToString());
    }

    private static DateTimeOffset NotBefore(X509Certificate2 certificate) => new(certificate.NotBefore.ToUniversalTime());

    private static DateTimeOffset NotAfter(X509Certificate2 certificate) => new(certificate.NotAfter.ToUniversalTime());
}
