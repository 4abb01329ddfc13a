using HyperVIsolation.Api.Windows;
using HyperVIsolation.NodeAgent.Containerd;

namespace HyperVIsolation.NodeAgent.Inspection;

/// <summary>What the agent found on its Windows host, the inputs of every node decision.</summary>
/// <param name="Build">The Windows build.</param>
/// <param name="Revision">The build revision (update level).</param>
/// <param name="Edition">The edition, such as <c>ServerDatacenter</c> or <c>ServerStandard</c>.</param>
/// <param name="HyperVPresent">Whether the Hyper-V role and the Host Compute Service are present.</param>
/// <param name="ContainerdVersion">The containerd release, such as <c>1.7.27</c>.</param>
/// <param name="MemoryBytes">Physical memory.</param>
public sealed record HostFacts(WindowsBuild Build, int Revision, string Edition, bool HyperVPresent, string ContainerdVersion, long MemoryBytes)
{
    /// <summary>The config version this containerd reads, or <see langword="null"/> for one that cannot run Hyper-V pods.</summary>
    public int? ContainerdConfigVersion => ContainerdConfigVersions.ForRelease(ContainerdVersion);
}
