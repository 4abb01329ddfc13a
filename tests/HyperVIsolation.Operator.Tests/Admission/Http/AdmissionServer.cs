using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using HyperVIsolation.Operator.Admission.Certificates;
using HyperVIsolation.Operator.Admission.Hosting;
using HyperVIsolation.Operator.Admission.Http;
using HyperVIsolation.Operator.Admission.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Tests.Admission.Http;

/// <summary>
/// The admission endpoints on real Kestrel over HTTPS on 127.0.0.1 (port 0), serving a
/// certificate from the operator's own CA through the hot-swappable holder. The client dials
/// loopback but asks for <c>webhook.hyperv-isolation.svc</c>, so the SAN and the chain are checked
/// exactly as the API server would check them against the caBundle.
/// </summary>
internal sealed class AdmissionServer : IAsyncDisposable
{
    public const string ServiceName = "webhook";
    public const string ServiceNamespace = "hyperv-isolation";

    private readonly WebApplication app;

    private AdmissionServer(WebApplication app, WebhookCertificateAuthority authority, ServingCertificateHolder holder, int port)
    {
        this.app = app;
        Authority = authority;
        Holder = holder;
        Port = port;
        Client = CreateClient(authority.Certificate, port, _ => { });
    }

    public WebhookCertificateAuthority Authority { get; }

    public ServingCertificateHolder Holder { get; }

    public int Port { get; }

    public HttpClient Client { get; }

    public static async Task<AdmissionServer> StartAsync(IAdmissionState state, long? maxBodyBytes = null)
    {
        var authority = WebhookCertificateAuthority.Create("hyperv-isolation-webhook-ca", DateTimeOffset.UtcNow, TimeSpan.FromDays(30));
        var holder = new ServingCertificateHolder();
        holder.Set(ServingCertificateIssuer.Issue(authority, ServiceName, ServiceNamespace, DateTimeOffset.UtcNow, TimeSpan.FromDays(1)));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
            listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificateSelector = holder.Select })));
        builder.Services.AddSingleton(state);
        builder.Services.AddIsolationAdmission();
        if (maxBodyBytes is { } limit)
        {
            builder.Services.Configure<WebhookOptions>(_ => { });
            builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new WebhookOptions { MaxRequestBodyBytes = limit }));
        }

        var app = builder.Build();
        app.MapIsolationAdmission();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AdmissionServer(app, authority, holder, new Uri(address).Port);
    }

    /// <summary>A client that trusts only <paramref name="caCertificate"/> and reports the certificate each handshake saw.</summary>
    public static HttpClient CreateClient(X509Certificate2 caCertificate, int port, Action<X509Certificate2> seen)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
                    {
                        return false;
                    }

                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(caCertificate);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    var leaf = new X509Certificate2(certificate);
                    seen(leaf);
                    return chain.Build(leaf);
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://{ServiceName}.{ServiceNamespace}.svc:{port}") };
    }

    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(path, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a review and returns its <c>response</c> object (asserting 200 and the echoed uid).</summary>
    public async Task<JsonObject> ReviewAsync(string path, string review)
    {
        var (status, body) = await PostAsync(path, review);
        status.Should().Be(HttpStatusCode.OK, body);
        var document = JsonNode.Parse(body)!.AsObject();
        document["apiVersion"]!.GetValue<string>().Should().Be("admission.k8s.io/v1");
        document["kind"]!.GetValue<string>().Should().Be("AdmissionReview");
        var response = document["response"]!.AsObject();
        response["uid"]!.GetValue<string>().Should().Be(JsonNode.Parse(review)!["request"]!["uid"]!.GetValue<string>());
        return response;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        Authority.Dispose();
    }
}
