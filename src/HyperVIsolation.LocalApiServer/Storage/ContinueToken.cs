using System.Text;
using System.Text.Json;

namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>
/// Opaque pagination token: the snapshot resource version and the key of the last object returned,
/// so every page reads the same snapshot (or 410 once that snapshot left the history window).
/// </summary>
/// <param name="ResourceVersion">Snapshot version.</param>
/// <param name="StartAfter">Key of the last object on the previous page.</param>
public sealed record ContinueToken(long ResourceVersion, string StartAfter)
{
    /// <summary>Encodes the token as base64url JSON.</summary>
    public string Encode()
    {
        var json = JsonSerializer.Serialize(new[] { ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), StartAfter });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Decodes a token; null when it is malformed.</summary>
    public static ContinueToken? TryDecode(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var parts = JsonSerializer.Deserialize<string[]>(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
            if (parts is not { Length: 2 } || !long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var rv))
            {
                return null;
            }

            return new ContinueToken(rv, parts[1]);
        }
        catch (FormatException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
