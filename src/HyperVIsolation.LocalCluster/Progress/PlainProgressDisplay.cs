namespace HyperVIsolation.LocalCluster.Progress;

/// <summary>Timestamped lines, only for workloads whose state changed: for logs, pipes and CI.</summary>
/// <param name="output">Where lines go.</param>
/// <param name="clock">The clock of the timestamps.</param>
internal sealed class PlainProgressDisplay(TextWriter output, TimeProvider clock) : IProgressDisplay
{
    private readonly Dictionary<string, string> last = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void Show(IReadOnlyList<WorkloadProgress> rows)
    {
        foreach (var line in Changes(last, rows))
        {
            output.WriteLine(ProgressFormatter.Timestamped(clock.GetLocalNow(), line));
        }

        output.Flush();
    }

    /// <inheritdoc />
    public void Complete()
    {
    }

    /// <summary>The lines of rows that differ from <paramref name="previous"/>, which is updated.</summary>
    public static IReadOnlyList<string> Changes(Dictionary<string, string> previous, IReadOnlyList<WorkloadProgress> rows)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(rows);
        var changed = new List<string>();
        foreach (var row in rows)
        {
            var key = $"{row.Namespace}/{row.Name}";
            var line = ProgressFormatter.Line(row);
            if (!previous.TryGetValue(key, out var before) || before != line)
            {
                previous[key] = line;
                changed.Add(line);
            }
        }

        return changed;
    }
}
