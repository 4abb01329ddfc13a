using System.Net;
using System.Text;
using HyperVIsolation.Api;
using HyperVIsolation.Operator.Admission.Certificates;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>
/// Keeps the webhook CA in a Secret of the operator's namespace so every replica serves certificates from
/// the same CA (the API server trusts one <c>caBundle</c>). The first replica creates it; the others adopt
/// it. Two replicas starting together both try to create it: the loser gets 409 Conflict and adopts the
/// winner's CA, throwing its own away.
/// </summary>
/// <param name="client">The API server.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">Where creation and adoption are logged.</param>
internal sealed class CertificateAuthoritySecretStore(IKubernetes client, TimeProvider time, ILogger<CertificateAuthoritySecretStore> logger)
{
    /// <summary>Key of the CA certificate (PEM) in the Secret.</summary>
    public const string CertificateKey = "ca.crt";

    /// <summary>Key of the CA private key (PKCS#8 PEM) in the Secret.</summary>
    public const string PrivateKeyKey = "ca.key";

    private const int Attempts = 3;

    /// <summary>The CA in <paramref name="secretNamespace"/>/<paramref name="secretName"/>, created when missing.</summary>
    public async Task<WebhookCertificateAuthority> LoadOrCreateAsync(string secretNamespace, string secretName, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await ReadAsync(secretNamespace, secretName, cancellationToken).ConfigureAwait(false) is { } secret)
            {
                WebhookHostingLog.CertificateAuthorityAdopted(logger, secretNamespace, secretName);
                return FromSecret(secret);
            }

            var authority = WebhookCertificateAuthority.Create($"{secretName}.{secretNamespace}", time.GetUtcNow(), lifetime);
            try
            {
                await client.CoreV1.CreateNamespacedSecretAsync(ToSecret(authority, secretName), secretNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                WebhookHostingLog.CertificateAuthorityCreated(logger, secretNamespace, secretName);
                return authority;
            }
            catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.Conflict && attempt < Attempts)
            {
                // Another replica created it between our read and our create: use theirs.
                authority.Dispose();
                WebhookHostingLog.CertificateAuthorityRace(logger, secretNamespace, secretName);
            }
            catch
            {
                authority.Dispose();
                throw;
            }
        }
    }

    private async Task<V1Secret?> ReadAsync(string secretNamespace, string secretName, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedSecretAsync(secretName, secretNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static WebhookCertificateAuthority FromSecret(V1Secret secret)
    {
        var name = $"{secret.Metadata?.NamespaceProperty}/{secret.Metadata?.Name}";
        if (secret.Data is not { } data
            || !data.TryGetValue(CertificateKey, out var certificate)
            || !data.TryGetValue(PrivateKeyKey, out var key))
        {
            // Never overwrite it: a CA someone put there on purpose (or a half-written one) needs a human.
            throw new InvalidOperationException($"Secret {name} exists but lacks '{CertificateKey}' or '{PrivateKeyKey}'; delete it to let the operator create a new CA.");
        }

        try
        {
            return WebhookCertificateAuthority.FromPem(Encoding.UTF8.GetString(certificate), Encoding.UTF8.GetString(key));
        }
        catch (System.Security.Cryptography.CryptographicException exception)
        {
            throw new InvalidOperationException($"Secret {name} does not hold a usable CA certificate and key: {exception.Message}", exception);
        }
    }

    private static V1Secret ToSecret(WebhookCertificateAuthority authority, string secretName) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta
        {
            Name = secretName,
            Labels = new Dictionary<string, string> { [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue },
        },
        Type = "Opaque",
        Data = new Dictionary<string, byte[]>
        {
            [CertificateKey] = Encoding.UTF8.GetBytes(authority.CertificatePem),
            [PrivateKeyKey] = Encoding.UTF8.GetBytes(authority.ExportPrivateKeyPem()),
        },
    };
}
