using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HyperVIsolation.Operator.Admission.Certificates;

/// <summary>
/// Issues the webhook's serving certificate from the operator's CA: ECDSA P-256, server
/// authentication, and DNS names <c>&lt;svc&gt;.&lt;ns&gt;.svc</c> (what the API server dials) and
/// <c>&lt;svc&gt;.&lt;ns&gt;.svc.cluster.local</c>.
/// </summary>
internal static class ServingCertificateIssuer
{
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>The DNS names of a service.</summary>
    public static IReadOnlyList<string> DnsNames(string serviceName, string serviceNamespace) =>
        [$"{serviceName}.{serviceNamespace}.svc", $"{serviceName}.{serviceNamespace}.svc.cluster.local"];

    /// <summary>A certificate for the service, valid from <paramref name="now"/> for <paramref name="lifetime"/> (never past the CA).</summary>
    /// <param name="authority">The CA.</param>
    /// <param name="serviceName">The Service's name.</param>
    /// <param name="serviceNamespace">The Service's namespace.</param>
    /// <param name="now">The current time.</param>
    /// <param name="lifetime">How long the certificate lives.</param>
    /// <param name="additionalNames">More host names or IP addresses (a local run's <c>127.0.0.1</c>).</param>
    public static X509Certificate2 Issue(WebhookCertificateAuthority authority, string serviceName, string serviceNamespace, DateTimeOffset now, TimeSpan lifetime, IReadOnlyList<string>? additionalNames = null)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentException.ThrowIfNullOrEmpty(serviceNamespace);
        var names = DnsNames(serviceName, serviceNamespace);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            san.AddDnsName(name);
        }

        foreach (var name in additionalNames ?? [])
        {
            if (System.Net.IPAddress.TryParse(name, out var address))
            {
                san.AddIpAddress(address);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build(critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthenticationOid)], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority.Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        var notBefore = now.AddMinutes(-5);
        var notAfter = now.Add(lifetime);
        if (notAfter > authority.Certificate.NotAfter)
        {
            notAfter = authority.Certificate.NotAfter;
        }

        using var issued = request.Create(authority.Certificate, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);
        return CertificateKeys.MakePersistable(withKey);
    }
}
