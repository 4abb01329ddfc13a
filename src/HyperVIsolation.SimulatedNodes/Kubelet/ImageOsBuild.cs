using System.Text.RegularExpressions;
using HyperVIsolation.Api.Windows;

namespace HyperVIsolation.SimulatedNodes.Kubelet;

/// <summary>
/// Infers a Windows image's OS build from its tag, as the simulation cannot read image manifests:
/// <c>ltsc2019</c>/<c>1809</c>, <c>ltsc2022</c>, <c>ltsc2025</c> or a <c>10.0.&lt;build&gt;</c> token.
/// An image with no hint runs anywhere (null), so unknown images never fail spuriously.
/// </summary>
public static partial class ImageOsBuild
{
    /// <summary>The build the image's tag names, or null when it names none.</summary>
    public static WindowsBuild? Infer(string? image)
    {
        var tag = Tag(image);
        if (tag is null)
        {
            return null;
        }

        var match = BuildToken().Match(tag);
        if (!match.Success)
        {
            return null;
        }

        return match.Groups["name"].Value switch
        {
            "ltsc2019" or "1809" => WindowsBuild.Ltsc2019,
            "ltsc2022" => WindowsBuild.Ltsc2022,
            "ltsc2025" => WindowsBuild.Ltsc2025,
            _ => WindowsBuild.TryParse(match.Groups["version"].Value, out var build) ? build : null,
        };
    }

    // The tag is what follows the last ':' after the last '/' (a ':' before it is a registry port); a digest carries no hint.
    private static string? Tag(string? image)
    {
        if (string.IsNullOrWhiteSpace(image))
        {
            return null;
        }

        var withoutDigest = image.Split('@')[0];
        var lastPart = withoutDigest[(withoutDigest.LastIndexOf('/') + 1)..];
        var colon = lastPart.LastIndexOf(':');
        return colon < 0 ? null : lastPart[(colon + 1)..].ToLowerInvariant();
    }

    [GeneratedRegex(@"(?<![0-9a-z])(?:(?<name>ltsc2019|ltsc2022|ltsc2025|1809)|(?<version>10\.0\.\d{5}))(?![0-9a-z])")]
    private static partial Regex BuildToken();
}
