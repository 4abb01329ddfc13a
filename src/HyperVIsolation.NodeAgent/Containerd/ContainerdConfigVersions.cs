namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>
/// Where each containerd config version keeps the CRI runtime handlers. Version 3 (containerd 2.x)
/// moved the CRI runtime settings to the <c>io.containerd.cri.v1.runtime</c> plugin.
/// </summary>
public static class ContainerdConfigVersions
{
    /// <summary>containerd 2.x.</summary>
    public const int Containerd2 = 3;

    /// <summary>containerd 1.7 (and 1.5/1.6).</summary>
    public const int Containerd17 = 2;

    /// <summary>containerd 1.x configs without a <c>version</c> key.</summary>
    public const int Legacy = 1;

    /// <summary>The config version a containerd release reads: 3 for 2.x, 2 for 1.7; <see langword="null"/> for releases without Windows Hyper-V support.</summary>
    /// <param name="containerdVersion">The release, such as <c>1.7.27</c> or <c>v2.0.4</c>.</param>
    public static int? ForRelease(string containerdVersion)
    {
        ArgumentNullException.ThrowIfNull(containerdVersion);
        var parts = containerdVersion.Trim().TrimStart('v').Split('.');
        if (parts.Length < 2
            || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minor))
        {
            return null;
        }

        return (major, minor) switch
        {
            (2, _) => Containerd2,
            (1, 7) => Containerd17,
            _ => null,
        };
    }

    /// <summary>The CRI plugin id that holds <c>containerd.runtimes</c> for a config version.</summary>
    /// <exception cref="ContainerdConfigException">A version containerd never had.</exception>
    public static string CriRuntimePluginId(int version) => version switch
    {
        Containerd2 => "io.containerd.cri.v1.runtime",
        Containerd17 => "io.containerd.grpc.v1.cri",
        Legacy => "cri",
        _ => throw new ContainerdConfigException($"containerd config version {version} is not supported (expected 1, 2 or 3)."),
    };
}
