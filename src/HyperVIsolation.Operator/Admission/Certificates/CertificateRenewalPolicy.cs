namespace HyperVIsolation.Operator.Admission.Certificates;

/// <summary>
/// When to renew: once two thirds of a certificate's validity have passed (the way cert-manager
/// renews by default), so a failed renewal still leaves weeks to retry before expiry.
/// </summary>
internal static class CertificateRenewalPolicy
{
    /// <summary>The moment renewal is due for a certificate valid from <paramref name="notBefore"/> to <paramref name="notAfter"/>.</summary>
    public static DateTimeOffset RenewAt(DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        notBefore + ((notAfter - notBefore) * 2 / 3);

    /// <summary>Whether the certificate must be renewed at <paramref name="now"/>.</summary>
    public static bool IsDue(DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset now) =>
        now >= RenewAt(notBefore, notAfter);
}
