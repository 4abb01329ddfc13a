using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HyperVIsolation.Operator.Hosting;

/// <summary>
/// A stand-in certificate generated in memory at start-up, for local runs and tests before a real
/// <see cref="IServerCertificateSource"/> exists: the API server does not trust it, so webhooks served
/// with it only work for clients that skip verification.
/// </summary>
internal sealed class SelfSignedServerCertificateSource : IServerCertificateSource, IDisposable
{
    private readonly Lazy<X509Certificate2> _certificate = new(Generate);

    /// <inheritdoc/>
    public X509Certificate2 GetCertificate() => _certificate.Value;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_certificate.IsValueCreated)
        {
            _certificate.Value.Dispose();
        }
    }

    private static X509Certificate2 Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=hyperv-isolation-webhook (self-signed)", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName(Environment.MachineName);
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var ephemeral = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));

        // An ephemeral key cannot serve TLS on every platform; a round trip through PKCS#12 makes it persistable.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
    }
}
