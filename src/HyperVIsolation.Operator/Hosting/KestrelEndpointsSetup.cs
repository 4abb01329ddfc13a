using System.Net;
using System.Net.Security;
using HyperVIsolation.Operator.Admission.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.Operator.Hosting;

/// <summary>
/// Kestrel's two endpoints: plain HTTP for <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> (the kubelet and
/// Prometheus speak HTTP), and HTTPS for the admission webhook, whose certificate is asked for per handshake. Until the
/// first trusted certificate is loaded a webhook handshake waits for it (up to Kestrel's 10 s handshake timeout), so an
/// admission call that arrives during start-up is answered late rather than refused for an untrusted certificate.
/// </summary>
internal sealed class KestrelEndpointsSetup(IOptions<OperatorOptions> options, IOptions<WebhookOptions> webhook, IServerCertificateSource certificates)
    : IConfigureOptions<KestrelServerOptions>
{
    /// <inheritdoc/>
    public void Configure(KestrelServerOptions kestrel)
    {
        var settings = options.Value;
        Listen(kestrel, settings.ListenAddress, settings.MetricsPort, _ => { });
        Listen(kestrel, settings.ListenAddress, webhook.Value.Port, listen => listen.UseHttps(new TlsHandshakeCallbackOptions
        {
            OnConnection = async context => new SslServerAuthenticationOptions
            {
                ServerCertificate = await certificates.GetCertificateAsync(context.CancellationToken).ConfigureAwait(false),
            },
        }));
    }

    private static void Listen(KestrelServerOptions kestrel, string address, int port, Action<ListenOptions> configure)
    {
        if (address == "*")
        {
            kestrel.ListenAnyIP(port, configure);
            return;
        }

        kestrel.Listen(IPAddress.Parse(address), port, configure);
    }
}
