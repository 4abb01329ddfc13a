using System.Globalization;
using HyperVIsolation.LocalCluster.Text;

namespace HyperVIsolation.LocalCluster.Progress;

/// <summary>Pure text for the progress displays: aligned rows for a terminal, one line per change otherwise.</summary>
internal static class ProgressFormatter
{
    private static readonly string[] Headers = ["WORKLOAD", "READY", "OS", "VERSION", "VM", "VM VERIFIED", "REASON"];

    /// <summary>The cells of one row, in <see cref="Headers"/> order.</summary>
    public static IReadOnlyList<string> Cells(WorkloadProgress row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return
        [
            $"{(row.IsReady ? "✓" : row.IsStalled ? "✗" : "…")} {row.Name}",
            string.Create(CultureInfo.InvariantCulture, $"{row.Ready}/{row.Desired}"),
            Or(row.Os),
            Or(row.Version),
            Or(row.Vm),
            Or(Verified(row)),
            Or(row.Reason),
        ];
    }

    /// <summary>The terminal display: a header and one aligned line per workload, with Stalled messages under their row.</summary>
    public static IReadOnlyList<string> Table(IReadOnlyList<WorkloadProgress> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var lines = new List<string>();
        var cells = rows.Select(Cells).ToList();
        foreach (var (line, index) in TextTable.Align(Headers, cells).Select((line, index) => (line, index)))
        {
            lines.Add(line);
            if (index > 0 && rows[index - 1] is { IsStalled: true, Message.Length: > 0 } stalled)
            {
                lines.Add($"    stalled: {stalled.Message}");
            }
        }

        return lines;
    }

    /// <summary>The plain display's line for one workload.</summary>
    public static string Line(WorkloadProgress row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var parts = new List<string>
        {
            $"{row.Namespace}/{row.Name}",
            string.Create(CultureInfo.InvariantCulture, $"ready {row.Ready}/{row.Desired}"),
        };
        AddIfSet(parts, "os", row.Os);
        AddIfSet(parts, "version", row.Version);
        AddIfSet(parts, "vm", row.Vm);
        AddIfSet(parts, "vm verified", Verified(row));
        AddIfSet(parts, "reason", row.Reason);
        var line = string.Join("  ", parts);
        return row.IsStalled && row.Message.Length > 0 ? $"{line}  stalled: {row.Message}" : line;
    }

    /// <summary>A timestamped plain line.</summary>
    public static string Timestamped(DateTimeOffset at, string line) =>
        at.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + "  " + line;

    /// <summary>Why each workload that is not Ready is not, for the timeout summary.</summary>
    public static IReadOnlyList<string> NotReadySummary(IReadOnlyList<WorkloadProgress> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return [.. rows.Where(r => !r.IsReady).Select(r =>
            string.Create(CultureInfo.InvariantCulture, $"  {r.Namespace}/{r.Name}: {r.Ready}/{r.Desired} ready, {Or(r.Reason)}")
            + (r.Message.Length > 0 ? $": {r.Message}" : string.Empty))];
    }

    private static void AddIfSet(List<string> parts, string label, string value)
    {
        if (value.Length > 0)
        {
            parts.Add($"{label} {value}");
        }
    }

    private static string Verified(WorkloadProgress row) =>
        row.VmVerified is { } verified ? string.Create(CultureInfo.InvariantCulture, $"{verified}/{row.Desired}") : string.Empty;

    private static string Or(string value) => value.Length > 0 ? value : "-";
}
