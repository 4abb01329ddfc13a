using System.Security.Cryptography.X509Certificates;
using System.Text;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.Operator.Admission.Certificates;
using HyperVIsolation.Operator.Admission.Hosting;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Operator.Tests.Admission.Hosting;

/// <summary>
/// Replicas following the shared CA Secret against a local API server, on a fake clock: after every step, each
/// replica's serving certificate must chain to the caBundle the configurations carry.
/// </summary>
public sealed class WebhookCertificateSyncTests : IAsyncLifetime
{
    private const string Namespace = "hyperv-isolation";
    private const string SecretName = "webhook-ca";
    private const string ConfigurationName = "hyperv-isolation";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private ApiServer server = null!;
    private Kubernetes client = null!;

    public async Task InitializeAsync()
    {
        server = await ApiServer.StartAsync(new LocalApiServerOptions(), CancellationToken.None);
        client = server.CreateClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
    }

    [Fact]
    public async Task Sync_TwoReplicasStart_OneCaInBundleAndBothTrusted()
    {
        var (first, second) = (Replica(), Replica());

        await Task.WhenAll(first.Sync.SyncAsync(CancellationToken.None), second.Sync.SyncAsync(CancellationToken.None));

        var bundle = await BundleAsync();
        bundle.Should().ContainSingle();
        TrustedBy(bundle, first.Holder.Current!).Should().BeTrue();
        TrustedBy(bundle, second.Holder.Current!).Should().BeTrue();
    }

    [Fact]
    public async Task Sync_AdminReplacesCaSecret_BundleTrustsBothUntilEveryReplicaMovedThenOnlyNew()
    {
        var (first, second) = (Replica(), Replica());
        await first.Sync.SyncAsync(CancellationToken.None);
        await second.Sync.SyncAsync(CancellationToken.None);
        var old = await SecretCaAsync();
        using var replacement = WebhookCertificateAuthority.Create("admin-ca", time.GetUtcNow(), TimeSpan.FromDays(365));
        await client.CoreV1.DeleteNamespacedSecretAsync(SecretName, Namespace);
        await client.CoreV1.CreateNamespacedSecretAsync(AdminSecret(replacement), Namespace);

        time.Advance(TimeSpan.FromMinutes(1));
        await first.Sync.SyncAsync(CancellationToken.None);
        var whileMoving = await BundleAsync();
        var secondStillOld = second.Holder.Current!;
        await second.Sync.SyncAsync(CancellationToken.None);
        var bothMoved = await BundleAsync();
        time.Advance(TimeSpan.FromMinutes(16));
        await first.Sync.SyncAsync(CancellationToken.None);
        await second.Sync.SyncAsync(CancellationToken.None);
        var afterOverlap = await BundleAsync();

        Thumbprints(whileMoving).Should().BeEquivalentTo([replacement.Certificate.Thumbprint, old.Thumbprint]);
        TrustedBy(whileMoving, first.Holder.Current!).Should().BeTrue("the replica that noticed serves from the new CA");
        TrustedBy(whileMoving, secondStillOld).Should().BeTrue("the replica that has not noticed yet still serves from the old CA");
        TrustedBy(replacement.Certificate, first.Holder.Current!).Should().BeTrue();
        TrustedBy(replacement.Certificate, second.Holder.Current!).Should().BeTrue();
        Thumbprints(bothMoved).Should().BeEquivalentTo(Thumbprints(whileMoving));
        Thumbprints(afterOverlap).Should().Equal(replacement.Certificate.Thumbprint);
        (await client.CoreV1.ReadNamespacedSecretAsync(SecretName, Namespace)).Data.Should().NotContainKey(CertificateAuthoritySecretStore.PreviousCertificatesKey, "an admin's Secret is never rewritten");
    }

    [Fact]
    public async Task Sync_CaSecretDeleted_NewCaCreatedAndOldTrustedOnlyDuringOverlap()
    {
        var (first, second) = (Replica(), Replica());
        await first.Sync.SyncAsync(CancellationToken.None);
        await second.Sync.SyncAsync(CancellationToken.None);
        var old = await SecretCaAsync();
        await client.CoreV1.DeleteNamespacedSecretAsync(SecretName, Namespace);

        time.Advance(TimeSpan.FromMinutes(1));
        await second.Sync.SyncAsync(CancellationToken.None);
        var whileMoving = await BundleAsync();
        var created = await SecretCaAsync();
        var firstStillOld = first.Holder.Current!;
        time.Advance(TimeSpan.FromMinutes(16));
        await first.Sync.SyncAsync(CancellationToken.None);
        await second.Sync.SyncAsync(CancellationToken.None);

        created.Thumbprint.Should().NotBe(old.Thumbprint);
        TrustedBy(whileMoving, firstStillOld).Should().BeTrue();
        TrustedBy(whileMoving, second.Holder.Current!).Should().BeTrue();
        Thumbprints(await BundleAsync()).Should().Equal(created.Thumbprint);
        TrustedBy(created, first.Holder.Current!).Should().BeTrue();
    }

    [Fact]
    public async Task Sync_CaDueForRenewal_ReplicasRacingRotateItOnceAndKeepTheOldInBundleUntilItExpires()
    {
        var (first, second) = (Replica(), Replica());
        await first.Sync.SyncAsync(CancellationToken.None);
        await second.Sync.SyncAsync(CancellationToken.None);
        var old = await SecretCaAsync();

        time.Advance(TimeSpan.FromDays(3650 * 2 / 3) + TimeSpan.FromDays(1));
        await Task.WhenAll(first.Sync.SyncAsync(CancellationToken.None), second.Sync.SyncAsync(CancellationToken.None));
        var rotated = await SecretCaAsync();
        var bundle = await BundleAsync();
        time.Advance(TimeSpan.FromDays(3650 / 3));
        await first.Sync.SyncAsync(CancellationToken.None);
        var afterOldExpired = await BundleAsync();

        rotated.Thumbprint.Should().NotBe(old.Thumbprint);
        Thumbprints(bundle).Should().BeEquivalentTo([rotated.Thumbprint, old.Thumbprint]);
        TrustedBy(rotated, first.Holder.Current!).Should().BeTrue();
        TrustedBy(rotated, second.Holder.Current!).Should().BeTrue();
        Thumbprints(afterOldExpired).Should().Equal(rotated.Thumbprint);
    }

    [Fact]
    public async Task Sync_BundleWriteFails_KeepsServingFromTheOldCaUntilTheBundleTrustsTheNewOne()
    {
        using var failing = new FailingWebhookConfigurationWrites();
        using var flaky = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath), failing);
        var replica = Replica(flaky);
        await replica.Sync.SyncAsync(CancellationToken.None);
        var old = await SecretCaAsync();
        using var replacement = WebhookCertificateAuthority.Create("admin-ca", time.GetUtcNow(), TimeSpan.FromDays(365));
        await client.CoreV1.DeleteNamespacedSecretAsync(SecretName, Namespace);
        await client.CoreV1.CreateNamespacedSecretAsync(AdminSecret(replacement), Namespace);
        failing.Enabled = true;

        var failed = () => replica.Sync.SyncAsync(CancellationToken.None);

        await failed.Should().ThrowAsync<k8s.Autorest.HttpOperationException>();
        TrustedBy(old, replica.Holder.Current!).Should().BeTrue("the bundle still holds only the old CA");
        failing.Enabled = false;
        await replica.Sync.SyncAsync(CancellationToken.None);
        TrustedBy(replacement.Certificate, replica.Holder.Current!).Should().BeTrue();
        Thumbprints(await BundleAsync()).Should().BeEquivalentTo([replacement.Certificate.Thumbprint, old.Thumbprint]);
    }

    [Fact]
    public async Task Sync_Unchanged_WritesNothing()
    {
        var replica = Replica();
        await replica.Sync.SyncAsync(CancellationToken.None);
        var secretVersion = (await client.CoreV1.ReadNamespacedSecretAsync(SecretName, Namespace)).Metadata.ResourceVersion;
        var configurationVersion = (await client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(ConfigurationName)).Metadata.ResourceVersion;
        var served = replica.Holder.Current;

        time.Advance(TimeSpan.FromMinutes(1));
        await replica.Sync.SyncAsync(CancellationToken.None);

        (await client.CoreV1.ReadNamespacedSecretAsync(SecretName, Namespace)).Metadata.ResourceVersion.Should().Be(secretVersion);
        (await client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(ConfigurationName)).Metadata.ResourceVersion.Should().Be(configurationVersion);
        replica.Holder.Current.Should().BeSameAs(served);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    private static bool TrustedBy(IReadOnlyList<X509Certificate2> bundle, X509Certificate2 served) => bundle.Any(authority => TrustedBy(authority, served));

    private static bool TrustedBy(X509Certificate2 authority, X509Certificate2 served)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = served.NotBefore.AddMinutes(10);
        return chain.Build(served);
    }

    private static IEnumerable<string> Thumbprints(IEnumerable<X509Certificate2> certificates) => certificates.Select(certificate => certificate.Thumbprint);

    private static V1Secret AdminSecret(WebhookCertificateAuthority authority) => new()
    {
        Metadata = new V1ObjectMeta { Name = SecretName },
        Data = new Dictionary<string, byte[]>
        {
            [CertificateAuthoritySecretStore.CertificateKey] = Encoding.UTF8.GetBytes(authority.CertificatePem),
            [CertificateAuthoritySecretStore.PrivateKeyKey] = Encoding.UTF8.GetBytes(authority.ExportPrivateKeyPem()),
        },
    };

    private (WebhookCertificateSync Sync, ServingCertificateHolder Holder) Replica(IKubernetes? api = null)
    {
        api ??= client;
        var holder = new ServingCertificateHolder();
        var context = new WebhookServingContext(Namespace, new WebhookOptions { CaSecretName = SecretName, ConfigurationName = ConfigurationName, ManageConfigurations = true });
        var sync = new WebhookCertificateSync(
            context,
            new CertificateAuthoritySecretStore(api, time, NullLogger<CertificateAuthoritySecretStore>.Instance),
            new WebhookConfigurationWriter(api, NullLogger<WebhookConfigurationWriter>.Instance),
            holder,
            time,
            NullLogger<WebhookCertificateSync>.Instance);
        return (sync, holder);
    }

    private async Task<X509Certificate2> SecretCaAsync()
    {
        var secret = await client.CoreV1.ReadNamespacedSecretAsync(SecretName, Namespace);
        return X509Certificate2.CreateFromPem(Encoding.UTF8.GetString(secret.Data[CertificateAuthoritySecretStore.CertificateKey]));
    }

    /// <summary>The caBundle of every webhook of both configurations, which must all agree.</summary>
    private async Task<IReadOnlyList<X509Certificate2>> BundleAsync()
    {
        var mutating = await client.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(ConfigurationName);
        var validating = await client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(ConfigurationName);
        var bundles = mutating.Webhooks.Select(webhook => webhook.ClientConfig.CaBundle).Concat(validating.Webhooks.Select(webhook => webhook.ClientConfig.CaBundle)).ToList();
        bundles.Select(Convert.ToBase64String).Distinct().Should().ContainSingle();
        return CaTrustBundle.Parse(bundles[0]);
    }
}
