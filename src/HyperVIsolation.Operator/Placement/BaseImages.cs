using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;

namespace HyperVIsolation.Operator.Placement;

/// <summary>
/// Microsoft's Windows base images: Nano Server and Server Core for every LTSC release, full
/// Server only from ltsc2022 on. There is no <c>latest</c> tag, so a reference always names a release.
/// </summary>
public static class BaseImages
{
    /// <summary>The repository prefix of every Windows base image.</summary>
    public const string Repository = "mcr.microsoft.com/windows";

    /// <summary>Whether Microsoft publishes a base image of this flavor for this release.</summary>
    public static bool Exists(OsFlavor flavor, WindowsVersion version) => flavor switch
    {
        OsFlavor.NanoServer or OsFlavor.ServerCore => version != WindowsVersion.Auto,
        OsFlavor.Server => version is WindowsVersion.Ltsc2022 or WindowsVersion.Ltsc2025,
        _ => false,
    };

    /// <summary>The base image reference, for example <c>mcr.microsoft.com/windows/nanoserver:ltsc2022</c>.</summary>
    /// <exception cref="ArgumentException">The combination has no image (Auto, or Server on ltsc2019).</exception>
    public static string For(OsFlavor flavor, WindowsVersion version)
    {
        if (!Exists(flavor, version))
        {
            throw new ArgumentException($"No {flavor} base image exists for {version}.", nameof(flavor));
        }

        return $"{Repository}/{RepositoryName(flavor)}:{WindowsReleaseTags.Tag(version)}";
    }

    private static string RepositoryName(OsFlavor flavor) => flavor switch
    {
        OsFlavor.NanoServer => "nanoserver",
        OsFlavor.ServerCore => "servercore",
        _ => "server",
    };
}
