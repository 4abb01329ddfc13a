using HyperVIsolation.Api.Windows;
using HyperVIsolation.NodeAgent.Containerd;

namespace HyperVIsolation.SimulatedNodes.Kubelet;

/// <summary>What a kubelet knows about its own node when admitting a pod.</summary>
/// <param name="Build">The host's Windows build.</param>
/// <param name="HyperVEnabled">Whether the Hyper-V feature is installed.</param>
/// <param name="LogicalProcessors">Host logical processors (caps VM processors).</param>
/// <param name="Containerd">The node's containerd configuration, imports merged.</param>
/// <param name="DefaultHandler">containerd's <c>default_runtime_name</c>, used when a pod has no RuntimeClass.</param>
public sealed record NodeRuntimeFacts(WindowsBuild Build, bool HyperVEnabled, int LogicalProcessors, ContainerdConfig Containerd, string DefaultHandler);
