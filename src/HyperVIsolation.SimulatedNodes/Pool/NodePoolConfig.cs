using System.Text.Json.Serialization;

namespace HyperVIsolation.SimulatedNodes.Pool;

/// <summary>
/// The simulated Windows node pool, read from YAML or JSON by <see cref="NodePoolConfigReader"/> and
/// checked by <see cref="NodePoolConfigValidator"/> (every problem at once) before any node starts.
/// </summary>
public sealed record NodePoolConfig
{
    /// <summary>Node groups; each yields <see cref="NodeGroupConfig.Count"/> identical nodes.</summary>
    public IReadOnlyList<NodeGroupConfig> Groups { get; init; } = [];

    /// <summary>How often each node renews its Lease and posts its Ready heartbeat (kubelet: 10 s).</summary>
    [JsonConverter(typeof(DurationJsonConverter))]
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The Lease duration written in <c>kube-node-lease</c> (kubelet: 40 s).</summary>
    public int LeaseDurationSeconds { get; init; } = 40;

    /// <summary>The kubelet version every node reports.</summary>
    public string KubeletVersion { get; init; } = "v1.33.1";

    /// <summary>Where node directories (containerd config) go; a fresh temporary directory when null.</summary>
    public string? WorkingDirectory { get; init; }
}
