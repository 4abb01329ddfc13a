using System.Net;
using HyperVIsolation.Operator.Admission.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.Operator.Hosting;

/// <summary>
/// Kestrel's two endpoints: plain HTTP for <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> (the kubelet and
/// Prometheus speak HTTP), and HTTPS for the admission webhook, whose certificate is asked for per handshake.
/// </summary>
internal sealed class KestrelEndpointsSetup(IOptions<OperatorOptions> options, IOptions<WebhookOptions> webhook, IServerCertificateSource certificates)
    : IConfigureOptions<KestrelServerOptions>
{
    /// <inheritdoc/>
    public void Configure(KestrelServerOptions kestrel)
    {
        var settings = options.Value;
        Listen(kestrel, settings.ListenAddress, settings.MetricsPort, _ => { });
        Listen(kestrel, settings.ListenAddress, webhook.Value.Port, listen =>
            listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => certificates.GetCertificate()));
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
