using System.Security.Cryptography.X509Certificates;

namespace HyperVIsolation.Operator.Admission.Certificates;

/// <summary>
/// Which CAs this replica vouches for in the <c>caBundle</c>: the CA it serves from now, the previous CA the Secret
/// still lists after a rotation, and, for <see cref="WebhookCertificateOptions.CaOverlap"/> after it noticed a
/// change, the CA it served from before. That last one covers a Secret an admin replaced or deleted (which lists no
/// previous CA): other replicas may still serve from the old CA until they notice too.
/// </summary>
/// <param name="overlap">How long a replaced CA stays trusted after this replica noticed the change.</param>
internal sealed class CertificateAuthorityTrust(TimeSpan overlap)
{
    private readonly List<(X509Certificate2 Certificate, DateTimeOffset Until)> retiring = [];

    /// <summary>The CA this replica serves from, once known.</summary>
    public X509Certificate2? Current { get; private set; }

    /// <summary>Records the CA the Secret holds at <paramref name="now"/>; returns whether it replaced a different one.</summary>
    public bool Observe(X509Certificate2 authority, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(authority);
        if (Current is { } known && string.Equals(known.Thumbprint, authority.Thumbprint, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var replaced = Current;
        if (replaced is not null)
        {
            retiring.Add((replaced, now + overlap));
        }

        retiring.RemoveAll(entry => entry.Until <= now || string.Equals(entry.Certificate.Thumbprint, authority.Thumbprint, StringComparison.OrdinalIgnoreCase));
        Current = X509CertificateLoader.LoadCertificate(authority.RawData);
        return replaced is not null;
    }

    /// <summary>The CAs to trust at <paramref name="now"/>, the current one first; <paramref name="listedInSecret"/> are the Secret's previous CAs.</summary>
    public IReadOnlyList<X509Certificate2> Trusted(IEnumerable<X509Certificate2> listedInSecret, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(listedInSecret);
        var current = Current ?? throw new InvalidOperationException("No CA observed yet.");
        return [current, .. listedInSecret, .. retiring.Where(entry => entry.Until > now).Select(entry => entry.Certificate)];
    }
}
