namespace HyperVIsolation.LocalCluster.Progress;

/// <summary>
/// A compact table redrawn in place with ANSI cursor movement, for a terminal: the previous drawing
/// is overwritten line by line, so the screen shows only the current state.
/// </summary>
/// <param name="output">The terminal.</param>
internal sealed class TerminalProgressDisplay(TextWriter output) : IProgressDisplay
{
    private const string ClearLine = "\u001b[2K";
    private int drawnLines;
    private IReadOnlyList<string> last = [];

    /// <inheritdoc />
    public void Show(IReadOnlyList<WorkloadProgress> rows)
    {
        var lines = ProgressFormatter.Table(rows);
        if (lines.SequenceEqual(last, StringComparer.Ordinal))
        {
            return;
        }

        output.Write(Redraw(drawnLines, lines));
        output.Flush();
        drawnLines = lines.Count;
        last = lines;
    }

    /// <inheritdoc />
    public void Complete()
    {
        drawnLines = 0;
        last = [];
        output.WriteLine();
    }

    /// <summary>The escape sequence and text that replace <paramref name="previousLines"/> lines with <paramref name="lines"/>.</summary>
    public static string Redraw(int previousLines, IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var text = new System.Text.StringBuilder();
        if (previousLines > 0)
        {
            text.Append("\u001b[").Append(previousLines).Append('A').Append('\r');
        }

        foreach (var line in lines)
        {
            text.Append(ClearLine).Append(line).Append('\n');
        }

        // A shorter table leaves old lines below; clear them.
        for (var i = lines.Count; i < previousLines; i++)
        {
            text.Append(ClearLine).Append('\n');
        }

        if (previousLines > lines.Count)
        {
            text.Append("\u001b[").Append(previousLines - lines.Count).Append('A');
        }

        return text.ToString();
    }
}
