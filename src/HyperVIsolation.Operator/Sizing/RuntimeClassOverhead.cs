using System.Globalization;
using k8s.Models;

namespace HyperVIsolation.Operator.Sizing;

/// <summary>
/// A RuntimeClass's <c>overhead.podFixed</c>: what the utility VM's guest OS costs on top of the
/// containers, so the scheduler counts it. Equal to the flavor's guest OS footprint.
/// </summary>
/// <param name="Memory">Memory overhead, for example <c>512Mi</c>.</param>
/// <param name="Cpu">CPU overhead, for example <c>100m</c>.</param>
public sealed record RuntimeClassOverhead(ResourceQuantity Memory, ResourceQuantity Cpu)
{
    /// <summary>The overhead of a guest OS footprint.</summary>
    public static RuntimeClassOverhead For(GuestOsFootprint footprint)
    {
        ArgumentNullException.ThrowIfNull(footprint);
        return new RuntimeClassOverhead(
            new ResourceQuantity(string.Create(CultureInfo.InvariantCulture, $"{footprint.MemoryMiB}Mi")),
            new ResourceQuantity(string.Create(CultureInfo.InvariantCulture, $"{footprint.CpuMillicores}m")));
    }

    /// <summary>The <c>podFixed</c> map of a RuntimeClass overhead.</summary>
    public IDictionary<string, ResourceQuantity> ToPodFixed() =>
        new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["cpu"] = Cpu, ["memory"] = Memory };
}
