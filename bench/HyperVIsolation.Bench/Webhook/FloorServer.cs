using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Bench.Webhook;

/// <summary>
/// The floor: bare Kestrel on HTTPS (an ECDSA P-256 certificate, like the webhook's) answering every POST
/// with a constant allowed AdmissionReview. Whatever the webhook costs beyond this is ours.
/// </summary>
internal sealed class FloorServer : IAsyncDisposable
{
    private static readonly byte[] Response = """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"00000000-0000-0000-0000-000000000000","allowed":true}}"""u8.ToArray();

    private readonly WebApplication app;

    private FloorServer(WebApplication app, int port)
    {
        this.app = app;
        Port = port;
    }

    /// <summary>The loopback port.</summary>
    public int Port { get; }

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<FloorServer> StartAsync(CancellationToken cancellationToken)
    {
        var certificate = Certificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        app.MapPost("/{**path}", async context =>
        {
            // Drain the body as the webhook does, then answer.
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = Response.Length;
            await context.Response.Body.WriteAsync(Response, context.RequestAborted).ConfigureAwait(false);
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FloorServer(app, new Uri(address).Port);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private static X509Certificate2 Certificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=floor", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
    }
}
