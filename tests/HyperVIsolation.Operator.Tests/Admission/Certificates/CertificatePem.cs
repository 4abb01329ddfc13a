using System.Security.Cryptography.X509Certificates;
using HyperVIsolation.Operator.Admission.Certificates;

namespace HyperVIsolation.Operator.Tests.Admission.Certificates;

/// <summary>Serving certificates as the <c>tls.crt</c>/<c>tls.key</c> PEM a TLS Secret holds.</summary>
internal static class CertificatePem
{
    public static (string Certificate, string Key) Issue(WebhookCertificateAuthority authority, DateTimeOffset now, string serviceName = "webhook", string serviceNamespace = "hyperv-isolation")
    {
        using var certificate = ServingCertificateIssuer.Issue(authority, serviceName, serviceNamespace, now, TimeSpan.FromDays(2));
        return Export(certificate);
    }

    public static (string Certificate, string Key) Export(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey()!;
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
