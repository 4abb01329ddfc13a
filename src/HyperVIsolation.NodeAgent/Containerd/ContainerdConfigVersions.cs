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
