using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.LocalApiServer.Tests.Admission;

/// <summary>
/// A small admission webhook server on 127.0.0.1 over HTTPS, its certificate signed by a test CA
/// (for 127.0.0.1 and the given DNS names). Paths map to handlers that build the response.
/// </summary>
public sealed class TestWebhookServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Func<JsonObject, Task<JsonObject>>> handlers = new();

    private TestWebhookServer(WebApplication app, string caPem)
    {
        this.app = app;
        CaBundle = Encoding.UTF8.GetBytes(caPem);
    }

    /// <summary>PEM of the test CA, for <c>clientConfig.caBundle</c>.</summary>
    public byte[] CaBundle { get; }

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Every review received, by path.</summary>
    public ConcurrentQueue<(string Path, JsonObject Request)> Received { get; } = new();

    public static async Task<TestWebhookServer> StartAsync(params string[] dnsNames)
    {
        var (caPem, serving) = Certificates(dnsNames);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(serving)));
        var app = builder.Build();
        var server = new TestWebhookServer(app, caPem);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri($"https://127.0.0.1:{new Uri(address).Port}/");
        return server;
    }

    public void Map(string path, Func<JsonObject, JsonObject> respond) => handlers[path] = request => Task.FromResult(respond(request));

    public void MapAsync(string path, Func<JsonObject, Task<JsonObject>> respond) => handlers[path] = respond;

    public IReadOnlyList<JsonObject> RequestsTo(string path) => Received.Where(r => r.Path == path).Select(r => r.Request).ToList();

    public static JsonObject Allow() => new() { ["allowed"] = true };

    public static JsonObject Deny(string message) =>
        new() { ["allowed"] = false, ["status"] = new JsonObject { ["code"] = 403, ["reason"] = "Forbidden", ["message"] = message } };

    public static JsonObject Patch(params JsonObject[] operations) => new()
    {
        ["allowed"] = true,
        ["patchType"] = "JSONPatch",
        ["patch"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonArray(operations).ToJsonString())),
    };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var review = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var request = review["request"]!.AsObject();
        var path = context.Request.Path.Value!;
        Received.Enqueue((path, (JsonObject)request.DeepClone()));
        var response = handlers.TryGetValue(path, out var handler) ? await handler(request) : Allow();
        response["uid"] = request["uid"]!.ToString();
        var body = new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["response"] = response };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static (string CaPem, X509Certificate2 Serving) Certificates(string[] dnsNames)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=test-webhook-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DigitalSignature, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=test-webhook", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var signed = request.Create(ca, now.AddMinutes(-5), now.AddHours(12), RandomNumberGenerator.GetBytes(16));
        using var withKey = signed.CopyWithPrivateKey(key);
        var serving = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return (ca.ExportCertificatePem(), serving);
    }
}
