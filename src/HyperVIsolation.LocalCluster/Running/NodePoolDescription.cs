using System.Globalization;
using HyperVIsolation.SimulatedNodes.Pool;

namespace HyperVIsolation.LocalCluster.Running;

/// <summary>One line saying which simulated nodes run: <c>6 nodes: 2× 10.0.17763 (ltsc2019), …</c>.</summary>
internal static class NodePoolDescription
{
    /// <summary>The line for <paramref name="pool"/>.</summary>
    public static string Describe(NodePoolConfig pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var total = pool.Groups.Sum(g => g.Count);
        var groups = pool.Groups.Select(g => string.Create(
            CultureInfo.InvariantCulture,
            $"{g.Count}× {(g.TryGetBuild(out var build) ? build.ToString() : g.WindowsBuild)} ({g.Name}{(g.HyperVEnabled ? string.Empty : ", no Hyper-V")})"));
        return string.Create(CultureInfo.InvariantCulture, $"{total} simulated Windows node{(total == 1 ? string.Empty : "s")}: {string.Join(", ", groups)}");
    }
}
