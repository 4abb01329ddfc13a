using System.Security.Cryptography;
using System.Text;
using HyperVIsolation.LocalApiServer.Admission;
using HyperVIsolation.LocalApiServer.Hosting;
using Microsoft.AspNetCore.Http;

namespace HyperVIsolation.LocalApiServer.Security;

/// <summary>
/// Bearer-token authentication: the server's own token is a cluster administrator
/// (<c>system:masters</c>); extra tokens map to configured users, and tokens issued through TokenRequest to
/// their service accounts.
/// </summary>
public sealed class TokenAuthenticator(string token, IReadOnlyList<LocalApiUser> users, ServiceAccountTokens? serviceAccountTokens = null)
{
    private static readonly object UserKey = new();

    /// <summary>The user a request authenticated as (the administrator when none was recorded).</summary>
    public static AdmissionUser UserOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(UserKey, out var user) && user is AdmissionUser found ? found : AdmissionUser.Administrator;
    }

    /// <summary>Authenticates the request and records its user; false when the token is missing or unknown.</summary>
    public bool Authenticate(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(header[7..].Trim());
        if (CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(token)))
        {
            context.Items[UserKey] = AdmissionUser.Administrator;
            return true;
        }

        if (serviceAccountTokens?.Authenticate(header[7..].Trim()) is { } account)
        {
            context.Items[UserKey] = account;
            return true;
        }

        foreach (var user in users)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(user.Token)))
            {
                context.Items[UserKey] = new AdmissionUser(user.Name, [.. user.Groups.Where(g => g != "system:authenticated"), "system:authenticated"]);
                return true;
            }
        }

        return false;
    }
}
