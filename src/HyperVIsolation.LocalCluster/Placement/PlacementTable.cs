using System.Globalization;
using HyperVIsolation.Api;
using HyperVIsolation.LocalCluster.Text;

namespace HyperVIsolation.LocalCluster.Placement;

/// <summary>Pure text of the "what ran where" table.</summary>
internal static class PlacementTable
{
    private static readonly string[] Headers = ["WORKLOAD", "POD", "NODE", "BUILD", "IMAGE", "RUNTIMECLASS", "VM (ANNOTATIONS)", "VM (HCS)"];

    /// <summary>The table's lines: a header and one line per pod, grouped by workload.</summary>
    public static IReadOnlyList<string> Format(IReadOnlyList<PlacementRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var ordered = rows.OrderBy(r => r.Workload, StringComparer.Ordinal).ThenBy(r => r.Pod, StringComparer.Ordinal);
        return TextTable.Align(Headers, [.. ordered.Select(Cells)]);
    }

    /// <summary>The VM size the hcsshim annotations ask for: <c>2 vCPU, 1536 MB</c>.</summary>
    public static string RequestedVm(IReadOnlyDictionary<string, string>? annotations)
    {
        if (annotations is null)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        if (annotations.TryGetValue(HcsAnnotations.ProcessorCount, out var cpus))
        {
            parts.Add($"{cpus} vCPU");
        }

        if (annotations.TryGetValue(HcsAnnotations.MemorySizeInMb, out var memory))
        {
            parts.Add($"{memory} MB");
        }

        return string.Join(", ", parts);
    }

    private static IReadOnlyList<string> Cells(PlacementRow row) =>
    [
        row.Workload,
        row.Pod,
        Or(row.Node),
        Or(row.NodeBuild),
        Or(row.Image),
        Or(row.RuntimeClass),
        Or(row.VmRequested),
        row.VmCreatedMemoryMb is { } created ? string.Create(CultureInfo.InvariantCulture, $"{created} MB") : "-",
    ];

    private static string Or(string value) => value.Length > 0 ? value : "-";
}
