using System.Globalization;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;

namespace HyperVIsolation.Operator.Placement;

/// <summary>The builds of the usable nodes, with counts, and the sentences that describe them.</summary>
internal sealed class ReadyNodePool
{
    private readonly SortedDictionary<WindowsBuild, int> countByBuild = [];

    public ReadyNodePool(IEnumerable<NodeBuildInfo> nodes)
    {
        foreach (var node in nodes.Where(node => node.IsUsable))
        {
            var build = node.Build!.Value;
            countByBuild[build] = countByBuild.GetValueOrDefault(build) + 1;
        }
    }

    public bool IsEmpty => countByBuild.Count == 0;

    public bool CanRun(WindowsBuild image, IsolationMode isolation) =>
        countByBuild.Keys.Any(host => WindowsCompatibility.CanRun(host, image, isolation));

    /// <summary>Distinct host builds that run <paramref name="image"/>, oldest first.</summary>
    public IReadOnlyList<WindowsBuild> CompatibleBuilds(WindowsBuild image, IsolationMode isolation) =>
        countByBuild.Keys.Where(host => WindowsCompatibility.CanRun(host, image, isolation)).ToList();

    /// <summary>For example "10.0.17763 (2) and 10.0.20348 (1)".</summary>
    public string Describe() => EnglishList.Join(
        countByBuild.Select(entry => string.Create(CultureInfo.InvariantCulture, $"{entry.Key.LabelValue} ({entry.Value})")));

    /// <summary>The compatibility rule of an isolation mode, as the end of a sentence.</summary>
    public static string RuleOf(IsolationMode isolation) => isolation == IsolationMode.Process
        ? "process isolation needs a host of the same build (Windows Server 2025 hosts also run ltsc2022)"
        : "Hyper-V isolation needs a host of the same or a newer build";
}
