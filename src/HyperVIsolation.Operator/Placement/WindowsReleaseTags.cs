using HyperVIsolation.Api.Windows;

namespace HyperVIsolation.Operator.Placement;

/// <summary>
/// The LTSC release names as they appear in image tags and in the keys of a container's
/// <c>images</c> map (<c>ltsc2019</c>, <c>ltsc2022</c>, <c>ltsc2025</c>).
/// </summary>
public static class WindowsReleaseTags
{
    /// <summary>Every LTSC release with base images, oldest first.</summary>
    public static IReadOnlyList<WindowsVersion> Releases { get; } =
        [WindowsVersion.Ltsc2019, WindowsVersion.Ltsc2022, WindowsVersion.Ltsc2025];

    /// <summary>The tag of a release, for example <c>ltsc2022</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is Auto, which names no release.</exception>
    public static string Tag(WindowsVersion version) => version switch
    {
        WindowsVersion.Ltsc2019 => "ltsc2019",
        WindowsVersion.Ltsc2022 => "ltsc2022",
        WindowsVersion.Ltsc2025 => "ltsc2025",
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Auto names no release."),
    };

    /// <summary>Parses a release tag exactly as written in the API (lower case, no Auto).</summary>
    public static bool TryParse(string? tag, out WindowsVersion version)
    {
        version = tag switch
        {
            "ltsc2019" => WindowsVersion.Ltsc2019,
            "ltsc2022" => WindowsVersion.Ltsc2022,
            "ltsc2025" => WindowsVersion.Ltsc2025,
            _ => WindowsVersion.Auto,
        };
        return version != WindowsVersion.Auto;
    }
}
