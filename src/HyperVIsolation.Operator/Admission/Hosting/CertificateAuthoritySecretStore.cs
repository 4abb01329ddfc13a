using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using HyperVIsolation.Api;
using HyperVIsolation.Operator.Admission.Certificates;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>
/// Keeps the webhook CA in a Secret of the operator's namespace so every replica serves certificates from the same
/// CA. The first replica creates it; the others adopt it; two replicas creating it together: the 409 loser adopts the
/// winner's. Once 2/3 of the CA's life has passed, a replica replaces it (a PUT conditional on the resourceVersion it
/// read, so one replica wins and the others adopt its CA) and keeps the old certificate under
/// <see cref="PreviousCertificatesKey"/>, so the caBundle trusts both while replicas move to the new CA.
/// </summary>
/// <param name="client">The API server.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">Where creation and rotation are logged.</param>
internal sealed class CertificateAuthoritySecretStore(IKubernetes client, TimeProvider time, ILogger<CertificateAuthoritySecretStore> logger)
{
    /// <summary>Key of the CA certificate (PEM) in the Secret.</summary>
    public const string CertificateKey = "ca.crt";

    /// <summary>Key of the CA private key (PKCS#8 PEM) in the Secret.</summary>
    public const string PrivateKeyKey = "ca.key";

    /// <summary>Key of the certificates (PEM, no keys) of the CAs the current one replaced.</summary>
    public const string PreviousCertificatesKey = "previous-ca.crt";

    private const int Attempts = 3;

    /// <summary>
    /// The Secret's CA as it is now: created when missing, rotated when due and the Secret is the operator's own
    /// (an admin's Secret is never rewritten). A re-created Secret lists no previous CA on purpose: deleting it is how
    /// an admin revokes the old CA; replicas still trust it in memory for the overlap only.
    /// </summary>
    public async Task<CertificateAuthoritySnapshot> SyncAsync(string secretNamespace, string secretName, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            if (await ReadAsync(secretNamespace, secretName, cancellationToken).ConfigureAwait(false) is { } secret)
            {
                var snapshot = FromSecret(secret, now);
                if (!IsOwnAndDue(secret, snapshot.Authority, now))
                {
                    return snapshot;
                }

                using (snapshot.Authority)
                {
                    var replaced = X509CertificateLoader.LoadCertificate(snapshot.Authority.Certificate.RawData);
                    var rotated = await TryWriteAsync(secretNamespace, secretName, lifetime, [replaced, .. snapshot.Previous], secret.Metadata.ResourceVersion, attempt, cancellationToken).ConfigureAwait(false);
                    if (rotated is not null)
                    {
                        WebhookHostingLog.CertificateAuthorityRotated(logger, secretNamespace, secretName);
                        return rotated;
                    }
                }

                continue;
            }

            var created = await TryWriteAsync(secretNamespace, secretName, lifetime, [], resourceVersion: null, attempt, cancellationToken).ConfigureAwait(false);
            if (created is not null)
            {
                WebhookHostingLog.CertificateAuthorityCreated(logger, secretNamespace, secretName);
                return created;
            }
        }
    }

    /// <summary>Creates (no <paramref name="resourceVersion"/>) or replaces the Secret with a new CA; null when another replica wrote first.</summary>
    private async Task<CertificateAuthoritySnapshot?> TryWriteAsync(string secretNamespace, string secretName, TimeSpan lifetime, IReadOnlyList<X509Certificate2> previous, string? resourceVersion, int attempt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stillValid = previous.Where(certificate => certificate.NotAfter.ToUniversalTime() > now.UtcDateTime).ToList();
        var authority = WebhookCertificateAuthority.Create($"{secretName}.{secretNamespace}", now, lifetime);
        try
        {
            var secret = ToSecret(authority, secretName, stillValid, resourceVersion);
            if (resourceVersion is null)
            {
                await client.CoreV1.CreateNamespacedSecretAsync(secret, secretNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await client.CoreV1.ReplaceNamespacedSecretAsync(secret, secretName, secretNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return new CertificateAuthoritySnapshot(authority, stillValid);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.Conflict && attempt < Attempts)
        {
            // Another replica created or rotated it between our read and our write: use theirs.
            authority.Dispose();
            WebhookHostingLog.CertificateAuthorityRace(logger, secretNamespace, secretName);
            return null;
        }
        catch
        {
            authority.Dispose();
            throw;
        }
    }

    private static bool IsOwnAndDue(V1Secret secret, WebhookCertificateAuthority authority, DateTimeOffset now) =>
        secret.Metadata?.Labels?.TryGetValue(WellKnownLabels.ManagedBy, out var manager) == true
        && manager == WellKnownLabels.ManagedByValue
        && CertificateRenewalPolicy.IsDue(authority.Certificate.NotBefore, authority.Certificate.NotAfter, now);

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

    private static CertificateAuthoritySnapshot FromSecret(V1Secret secret, DateTimeOffset now)
    {
        var name = $"{secret.Metadata?.NamespaceProperty}/{secret.Metadata?.Name}";
        if (secret.Data is not { } data
            || !data.TryGetValue(CertificateKey, out var certificate)
            || !data.TryGetValue(PrivateKeyKey, out var key))
        {
            // Never overwrite it: a CA someone put there on purpose (or a half-written one) needs a human.
            throw new InvalidOperationException($"Secret {name} exists but lacks '{CertificateKey}' or '{PrivateKeyKey}'; delete it to let the operator create a new CA.");
        }

        WebhookCertificateAuthority authority;
        try
        {
            authority = WebhookCertificateAuthority.FromPem(Encoding.UTF8.GetString(certificate), Encoding.UTF8.GetString(key));
        }
        catch (System.Security.Cryptography.CryptographicException exception)
        {
            throw new InvalidOperationException($"Secret {name} does not hold a usable CA certificate and key: {exception.Message}", exception);
        }

        var previous = data.TryGetValue(PreviousCertificatesKey, out var previousPem)
            ? CaTrustBundle.Parse(previousPem).Where(candidate => candidate.NotAfter.ToUniversalTime() > now.UtcDateTime).ToList()
            : [];
        return new CertificateAuthoritySnapshot(authority, previous);
    }

    private static V1Secret ToSecret(WebhookCertificateAuthority authority, string secretName, List<X509Certificate2> previous, string? resourceVersion)
    {
        var data = new Dictionary<string, byte[]>
        {
            [CertificateKey] = Encoding.UTF8.GetBytes(authority.CertificatePem),
            [PrivateKeyKey] = Encoding.UTF8.GetBytes(authority.ExportPrivateKeyPem()),
        };
        if (previous.Count > 0)
        {
            data[PreviousCertificatesKey] = CaTrustBundle.ToPem(previous);
        }

        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta
            {
                Name = secretName,
                ResourceVersion = resourceVersion,
                Labels = new Dictionary<string, string> { [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue },
            },
            Type = "Opaque",
            Data = data,
        };
    }
}
