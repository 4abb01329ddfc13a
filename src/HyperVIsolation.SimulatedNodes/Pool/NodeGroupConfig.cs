using System.Globalization;
using System.Text.Json.Serialization;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.NodeAgent.Containerd;

namespace HyperVIsolation.SimulatedNodes.Pool;

/// <summary>A group of identical simulated Windows nodes, named <c>&lt;Name&gt;-&lt;index&gt;</c>.</summary>
public sealed record NodeGroupConfig
{
    /// <summary>Group name, a DNS label; the prefix of its node names.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>How many nodes the group has.</summary>
    public int Count { get; init; } = 1;

    /// <summary>Windows build: <c>20348</c>, <c>10.0.20348</c> or an LTSC name (<c>ltsc2022</c>).</summary>
    public string WindowsBuild { get; init; } = "10.0.20348";

    /// <summary>The update revision reported in the kernel version (<c>10.0.20348.&lt;revision&gt;</c>).</summary>
    public int BuildRevision { get; init; } = 2966;

    /// <summary>CPU capacity, a Kubernetes quantity.</summary>
    public string Cpu { get; init; } = "8";

    /// <summary>Memory capacity, a Kubernetes quantity.</summary>
    public string Memory { get; init; } = "32Gi";

    /// <summary>Pod capacity.</summary>
    public int Pods { get; init; } = 110;

    /// <summary>Extended resources (domain-qualified names) and their quantities.</summary>
    public IReadOnlyDictionary<string, string> ExtendedResources { get; init; } = new Dictionary<string, string>();

    /// <summary>Windows Server edition: <c>Datacenter</c> or <c>Standard</c>.</summary>
    public string Edition { get; init; } = "Datacenter";

    /// <summary>containerd version, <c>1.7.x</c> (config version 2) or <c>2.x</c> (config version 3).</summary>
    public string ContainerdVersion { get; init; } = "2.0.4";

    /// <summary>Whether the Hyper-V feature is installed; without it every utility VM fails to boot.</summary>
    public bool HyperVEnabled { get; init; } = true;

    /// <summary>
    /// Whether containerd's Hyper-V handlers carry our annotation allow-list (the node agent's
    /// drop-in); without it the handler has no <c>pod_annotations</c> and every VM gets 1024 MB.
    /// </summary>
    public bool HandlerAllowListConfigured { get; init; } = true;

    /// <summary>Node taints.</summary>
    public IReadOnlyList<NodeTaintConfig> Taints { get; init; } = [];

    /// <summary>Extra node labels, for example <c>isolation.hyperv.dev/ready: "true"</c>.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>How long a utility VM takes to boot before a Hyper-V pod's containers run.</summary>
    [JsonConverter(typeof(DurationJsonConverter))]
    public TimeSpan VmBootTime { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The group's Windows build, from a number, a label value or an LTSC name.</summary>
    public bool TryGetBuild(out WindowsBuild build)
    {
        var text = WindowsBuild.Trim().ToLowerInvariant();
        WindowsBuild? named = text switch
        {
            "ltsc2019" or "1809" => Api.Windows.WindowsBuild.Ltsc2019,
            "ltsc2022" => Api.Windows.WindowsBuild.Ltsc2022,
            "ltsc2025" => Api.Windows.WindowsBuild.Ltsc2025,
            "23h2" => Api.Windows.WindowsBuild.V23H2,
            _ => null,
        };
        if (named is { } known)
        {
            build = known;
            return true;
        }

        return Api.Windows.WindowsBuild.TryParse(text, out build);
    }

    /// <summary>The containerd config version for <see cref="ContainerdVersion"/>: 3 for 2.x, 2 for 1.7; null when unsupported.</summary>
    public int? ContainerdConfigVersion() => ContainerdConfigVersions.ForRelease(ContainerdVersion);
}
