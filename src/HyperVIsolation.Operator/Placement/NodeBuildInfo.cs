using HyperVIsolation.Api;
using HyperVIsolation.Api.Windows;

namespace HyperVIsolation.Operator.Placement;

/// <summary>
/// What placement needs to know about one node: its name, whether it runs Windows, its Windows
/// build (if its label parses) and whether the node agent has marked it ready for Hyper-V pods.
/// </summary>
/// <param name="Name">Node name.</param>
/// <param name="IsWindows">Whether the node runs Windows (<c>kubernetes.io/os=windows</c>).</param>
/// <param name="Build">The node's Windows build, or <see langword="null"/> when unknown.</param>
/// <param name="HyperVReady">Whether the node agent labelled the node ready (containerd's Hyper-V handlers configured).</param>
public sealed record NodeBuildInfo(string Name, bool IsWindows, WindowsBuild? Build, bool HyperVReady)
{
    /// <summary>
    /// Whether the node counts for placement: a Windows node with a known build that the node
    /// agent marked ready. Process-isolated workloads use the same gate, because only ready
    /// nodes have the operator's runtime handlers configured.
    /// </summary>
    public bool IsUsable => IsWindows && HyperVReady && Build is not null;

    /// <summary>Reads a node from its labels (<see cref="WellKnownLabels"/>).</summary>
    public static NodeBuildInfo FromLabels(string name, IReadOnlyDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        var isWindows = labels.TryGetValue(WellKnownLabels.Os, out var os) && os == "windows";
        WindowsBuild? build = labels.TryGetValue(WellKnownLabels.WindowsBuild, out var label) && WindowsBuild.TryParse(label, out var parsed)
            ? parsed
            : null;
        var ready = labels.TryGetValue(WellKnownLabels.NodeReady, out var readyValue) && readyValue == "true";
        return new NodeBuildInfo(name, isWindows, build, ready);
    }
}
