using System.Net;
using System.Security.Cryptography.X509Certificates;
using HyperVIsolation.Operator.Admission.Certificates;
using HyperVIsolation.Operator.Admission.Hosting;
using HyperVIsolation.Operator.Tests.Admission.Certificates;
using HyperVIsolation.Operator.Tests.Admission.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HyperVIsolation.Operator.Tests.Admission.Hosting;

/// <summary>cert-manager mode: a Secret volume updated the way the kubelet does it, served by real Kestrel.</summary>
public sealed class CertificateDirectoryReloaderTests : IAsyncLifetime, IDisposable
{
    private readonly WebhookCertificateAuthority authority = WebhookCertificateAuthority.Create("cert-manager-ca", DateTimeOffset.UtcNow, TimeSpan.FromDays(30));
    private readonly ServingCertificateHolder holder = new();
    private readonly KubeletSecretVolume volume = new();
    private readonly List<X509Certificate2> seen = [];
    private WebApplication app = null!;
    private int port;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
            listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificateSelector = holder.Select })));
        app = builder.Build();
        app.MapGet("/", () => Results.Ok());
        await app.StartAsync();
        port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
    }

    [Fact]
    public async Task Reload_KubeletSwapsDataLink_NextHandshakeSeesNewCertificate()
    {
        var reloader = Reloader();
        var first = Write(CertificatePem.Issue(authority, DateTimeOffset.UtcNow));
        reloader.Reload().Should().BeTrue();
        await HandshakeAsync();

        var second = Write(CertificatePem.Issue(authority, DateTimeOffset.UtcNow));
        var reloaded = reloader.Reload();
        await HandshakeAsync();

        reloaded.Should().BeTrue();
        seen.Select(certificate => certificate.SerialNumber).Should().Equal(first, second);
        holder.Problem.Should().BeNull();
    }

    [Fact]
    public async Task RunAsync_FilesSwapped_PickedUpOnTheNextPollOfTheClock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var cancellation = new CancellationTokenSource();
        var first = Write(CertificatePem.Issue(authority, DateTimeOffset.UtcNow));
        var run = Reloader().RunAsync(TimeSpan.FromSeconds(10), time, cancellation.Token);
        var servedFirst = holder.Current!.SerialNumber;
        var second = Write(CertificatePem.Issue(authority, DateTimeOffset.UtcNow));
        var changed = new TaskCompletionSource<X509Certificate2>(TaskCreationOptions.RunContinuationsAsynchronously);
        holder.Changed += (_, certificate) => changed.TrySetResult(certificate);

        time.Advance(TimeSpan.FromSeconds(9));
        var beforePoll = holder.Current!.SerialNumber;
        time.Advance(TimeSpan.FromSeconds(1));
        var reloaded = await changed.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await cancellation.CancelAsync();
        await run;

        servedFirst.Should().Be(first);
        beforePoll.Should().Be(first);
        reloaded.SerialNumber.Should().Be(second);
    }

    [Fact]
    public void Reload_FilesUnchanged_NothingInstalled()
    {
        var reloader = Reloader();
        Write(CertificatePem.Issue(authority, DateTimeOffset.UtcNow));
        reloader.Reload();
        var installed = holder.Current;

        var again = reloader.Reload();

        again.Should().BeFalse();
        holder.Current.Should().BeSameAs(installed);
    }

    public static TheoryData<string> BadUpdates() => ["key of another certificate", "truncated certificate", "key missing"];

    [Theory]
    [MemberData(nameof(BadUpdates))]
    public async Task Reload_BadFiles_KeepsServingPreviousCertificateAndReportsDegraded(string update)
    {
        var reloader = Reloader();
        var good = Write(CertificatePem.Issue(authority, DateTimeOffset.UtcNow));
        reloader.Reload();
        var (certificate, key) = CertificatePem.Issue(authority, DateTimeOffset.UtcNow);
        var (_, otherKey) = CertificatePem.Issue(authority, DateTimeOffset.UtcNow);
        var files = update switch
        {
            "key of another certificate" => new Dictionary<string, string> { ["tls.crt"] = certificate, ["tls.key"] = otherKey },
            "truncated certificate" => new Dictionary<string, string> { ["tls.crt"] = certificate[..40], ["tls.key"] = key },
            _ => new Dictionary<string, string> { ["tls.crt"] = certificate },
        };
        volume.Write(files);

        var reloaded = reloader.Reload();
        await HandshakeAsync();
        var readiness = await new WebhookReadinessCheck(holder).CheckHealthAsync(new HealthCheckContext());

        reloaded.Should().BeFalse();
        seen.Should().ContainSingle().Which.SerialNumber.Should().Be(good);
        holder.Problem.Should().NotBeNullOrWhiteSpace();
        readiness.Status.Should().Be(HealthStatus.Degraded);
    }

    [Fact]
    public async Task Reload_BadFilesThenFixed_ServesTheFixedCertificateAndIsHealthyAgain()
    {
        var reloader = Reloader();
        Write(CertificatePem.Issue(authority, DateTimeOffset.UtcNow));
        reloader.Reload();
        volume.Write(new Dictionary<string, string> { ["tls.crt"] = "garbage", ["tls.key"] = "garbage" });
        reloader.Reload();

        var fixedSerial = Write(CertificatePem.Issue(authority, DateTimeOffset.UtcNow));
        reloader.Reload().Should().BeTrue();
        await HandshakeAsync();
        var readiness = await new WebhookReadinessCheck(holder).CheckHealthAsync(new HealthCheckContext());

        seen.Should().ContainSingle().Which.SerialNumber.Should().Be(fixedSerial);
        readiness.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Reload_NoUsableFilesAtStart_NotReady()
    {
        var reloader = Reloader();
        volume.Write(new Dictionary<string, string> { ["tls.crt"] = "garbage" });

        reloader.Reload().Should().BeFalse();
        var readiness = await new WebhookReadinessCheck(holder).CheckHealthAsync(new HealthCheckContext());

        holder.Current.Should().BeNull();
        readiness.Status.Should().Be(HealthStatus.Unhealthy);
    }

    public async Task DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public void Dispose()
    {
        volume.Dispose();
        authority.Dispose();
    }

    private CertificateDirectoryReloader Reloader() => new(volume.Path, holder, NullLogger.Instance);

    /// <summary>Writes the pair as a kubelet update; returns the certificate's serial number.</summary>
    private string Write((string Certificate, string Key) pair)
    {
        volume.Write(new Dictionary<string, string> { ["tls.crt"] = pair.Certificate, ["tls.key"] = pair.Key });
        using var certificate = X509Certificate2.CreateFromPem(pair.Certificate);
        return certificate.SerialNumber;
    }

    private async Task HandshakeAsync()
    {
        using var client = AdmissionServer.CreateClient(authority.Certificate, port, seen.Add);
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
