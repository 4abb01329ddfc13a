namespace HyperVIsolation.LocalCluster.Text;

/// <summary>Left-aligned columns separated by two spaces, like kubectl's tables.</summary>
internal static class TextTable
{
    /// <summary>The header line followed by one line per row; trailing spaces trimmed.</summary>
    public static IReadOnlyList<string> Align(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var widths = headers.Select((header, column) => rows.Select(r => column < r.Count ? r[column].Length : 0).Append(header.Length).Max()).ToArray();
        return [.. new[] { headers }.Concat(rows).Select(cells => string.Join("  ", cells.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd())];
    }
}
