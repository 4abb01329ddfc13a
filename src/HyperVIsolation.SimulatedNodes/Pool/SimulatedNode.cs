using System.Globalization;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.NodeAgent.Cri;
using HyperVIsolation.SimulatedNodes.Cri;
using HyperVIsolation.SimulatedNodes.Hcs;
using HyperVIsolation.SimulatedNodes.Logs;

namespace HyperVIsolation.SimulatedNodes.Pool;

/// <summary>
/// One simulated Windows node: its directory with a real containerd <c>config.toml</c>, its own
/// Host Compute Service and container runtime tables (served over CRI on <see cref="CriSocketPath"/>
/// while its cluster runs), and the faults injected into it.
/// </summary>
public sealed class SimulatedNode
{
    internal SimulatedNode(
        string name, int index, NodeGroupConfig group, WindowsBuild build, string directory, string containerdConfigPath, string criSocketPath, TimeProvider timeProvider)
    {
        Name = name;
        Index = index;
        Group = group;
        Build = build;
        Directory = directory;
        ContainerdConfigPath = containerdConfigPath;
        CriSocketPath = criSocketPath;
        Hcs = new SimulatedHostComputeService(timeProvider, new SimulatedHostOptions
        {
            Build = build,
            LogicalProcessorCount = Math.Max(1, (int)Math.Ceiling(new k8s.Models.ResourceQuantity(group.Cpu).ToDecimal())),
            MemoryMb = (ulong)(new k8s.Models.ResourceQuantity(group.Memory).ToDecimal() / (1024 * 1024)),
        });
        Runtime = new SimulatedCriRuntimeState { RuntimeVersion = "v" + group.ContainerdVersion.TrimStart('v') };
        Faults = new SimulatedNodeFaults(timeProvider, Runtime);
    }

    /// <summary>The node name, <c>&lt;group&gt;-&lt;n&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>The node's position in the pool (0-based); picks its IP ranges.</summary>
    public int Index { get; }

    /// <summary>The group the node belongs to.</summary>
    public NodeGroupConfig Group { get; }

    /// <summary>The host's Windows build.</summary>
    public WindowsBuild Build { get; }

    /// <summary>The node's own directory.</summary>
    public string Directory { get; }

    /// <summary>The node's containerd <c>config.toml</c>.</summary>
    public string ContainerdConfigPath { get; }

    /// <summary>
    /// The unix socket the node's containerd serves CRI on: <c>containerd.sock</c> in <see cref="Directory"/>,
    /// or in a short temporary directory when that path would exceed the unix socket path limit.
    /// </summary>
    public string CriSocketPath { get; }

    /// <summary>The node's CRI endpoint, for the node agent's <see cref="CriRuntimeClient"/>.</summary>
    public CriEndpoint CriEndpoint => new UnixSocketCriEndpoint(CriSocketPath);

    /// <summary>The node's Host Compute Service.</summary>
    public SimulatedHostComputeService Hcs { get; }

    /// <summary>The node's container runtime tables (what CRI reports).</summary>
    public SimulatedCriRuntimeState Runtime { get; }

    /// <summary>What the node's containers wrote (served as <c>pods/log</c>).</summary>
    public ContainerLogBook Logs { get; } = new();

    /// <summary>Faults injected into this node.</summary>
    public SimulatedNodeFaults Faults { get; }

    /// <summary>The node's InternalIP.</summary>
    public string InternalIp => string.Create(CultureInfo.InvariantCulture, $"10.240.{(Index / 250) % 250}.{(Index % 250) + 4}");

    /// <summary>The node's pod range, <c>10.244.&lt;n&gt;.0/24</c>.</summary>
    public string PodCidr => string.Create(CultureInfo.InvariantCulture, $"10.244.{Index + 1}.0/24");

    /// <summary>The pod IP with host part <paramref name="host"/> (2..254) in <see cref="PodCidr"/>.</summary>
    public string PodIp(int host) => string.Create(CultureInfo.InvariantCulture, $"10.244.{Index + 1}.{host}");
}
