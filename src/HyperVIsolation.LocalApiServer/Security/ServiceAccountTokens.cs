using System.Collections.Concurrent;
using System.Security.Cryptography;
using HyperVIsolation.LocalApiServer.Admission;
using HyperVIsolation.LocalApiServer.Authorization;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.Security;

/// <summary>
/// Service account tokens issued through <c>serviceaccounts/token</c> (TokenRequest) and their validation. The
/// tokens are opaque random strings, not signed JWTs (no client here reads their claims), but they are bound as
/// kube-apiserver binds them: they expire, and they stop authenticating once their service account is deleted.
/// </summary>
public sealed class ServiceAccountTokens(ObjectStore store, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, IssuedToken> issued = new(StringComparer.Ordinal);

    /// <summary>Issues a token for the service account <paramref name="ns"/>/<paramref name="name"/>.</summary>
    public IssuedToken Issue(string ns, string name, string uid, TimeSpan lifetime)
    {
        var token = new IssuedToken(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'), ns, name, uid, clock.GetUtcNow() + lifetime);
        issued[token.Token] = token;
        return token;
    }

    /// <summary>The service account user a token authenticates as, or null when it is unknown, expired or its account is gone.</summary>
    public AdmissionUser? Authenticate(string token)
    {
        if (!issued.TryGetValue(token, out var found))
        {
            return null;
        }

        if (found.ExpiresAt <= clock.GetUtcNow())
        {
            issued.TryRemove(token, out _);
            return null;
        }

        var account = store.Read("serviceaccounts", found.Namespace, found.ServiceAccount);
        if (account is null || ObjectMetadata.Uid(account.Object) != found.ServiceAccountUid)
        {
            return null;
        }

        return new AdmissionUser(ServiceAccountUser.Name(found.Namespace, found.ServiceAccount), ServiceAccountUser.Groups(found.Namespace));
    }
}
