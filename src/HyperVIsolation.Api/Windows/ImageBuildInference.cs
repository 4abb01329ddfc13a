namespace HyperVIsolation.Api.Windows;

/// <summary>
/// Reads the Windows build an image targets from its tag, when the tag says so for certain.
/// Only unambiguous tokens count: <c>ltsc2019</c> and <c>1809</c> (10.0.17763), <c>ltsc2022</c>
/// (10.0.20348), <c>ltsc2025</c> (10.0.26100), and a full build such as <c>10.0.20348.2340</c>.
/// Tokens are the tag's parts between <c>-</c> and <c>_</c>, so
/// <c>4.8-windowsservercore-ltsc2022</c> is recognised. Anything else (no tag, a digest only,
/// semi-annual names like <c>20H2</c>, conflicting tokens) gives <see langword="null"/>: the
/// image is then trusted to suit the selected version, and a wrong guess shows up as HCS error
/// 0xc0370101 when the pod starts.
/// </summary>
public static class ImageBuildInference
{
    private static readonly char[] TokenSeparators = ['-', '_'];

    /// <summary>The build the image reference's tag names, or <see langword="null"/> when it is not certain.</summary>
    public static WindowsBuild? FromReference(string? imageReference)
    {
        var tag = TagOf(imageReference);
        if (tag is null)
        {
            return null;
        }

        var builds = tag.Split(TokenSeparators, StringSplitOptions.RemoveEmptyEntries)
            .Select(FromToken)
            .OfType<WindowsBuild>()
            .Distinct()
            .ToList();
        return builds.Count == 1 ? builds[0] : null;
    }

    private static string? TagOf(string? imageReference)
    {
        if (string.IsNullOrWhiteSpace(imageReference))
        {
            return null;
        }

        // A digest pins content, not a tag: drop it and look at the tag before it, if any.
        var withoutDigest = imageReference.Split('@')[0];
        var lastSlash = withoutDigest.LastIndexOf('/');
        var colon = withoutDigest.LastIndexOf(':');

        // A colon before the last slash is a registry port (localhost:5000/app), not a tag.
        return colon > lastSlash ? withoutDigest[(colon + 1)..] : null;
    }

    private static WindowsBuild? FromToken(string token)
    {
        switch (token.ToUpperInvariant())
        {
            case "LTSC2019" or "1809":
                return WindowsBuild.Ltsc2019;
            case "LTSC2022":
                return WindowsBuild.Ltsc2022;
            case "LTSC2025":
                return WindowsBuild.Ltsc2025;
        }

        return token.StartsWith("10.0.", StringComparison.Ordinal) && WindowsBuild.TryParse(token, out var build)
            ? build
            : null;
    }
}
