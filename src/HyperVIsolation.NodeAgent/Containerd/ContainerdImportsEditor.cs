namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>
/// Adds or removes one path in the top-level <c>imports</c> list of a containerd <c>config.toml</c>,
/// touching nothing else in the file. When the file had no <c>imports</c>, the line we add carries
/// <see cref="AddedLineMarker"/> and is deleted again on removal, so install then uninstall gives the
/// original text back. Pure: text in, text out.
/// </summary>
public static class ContainerdImportsEditor
{
    /// <summary>Trailing comment on an <c>imports</c> line the node agent created.</summary>
    public const string AddedLineMarker = "# added by hyperv-isolation";

    /// <summary>Returns the config with <paramref name="importPath"/> in <c>imports</c> (unchanged if already there).</summary>
    /// <exception cref="ContainerdConfigException">The config is not valid.</exception>
    public static string AddImport(string configText, string importPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(importPath);
        var document = ContainerdConfigParser.ReadDocument(configText, "config.toml");
        if (document.Imports.Contains(importPath, StringComparer.Ordinal))
        {
            return configText;
        }

        var lines = SplitLines(configText, out var newLine);
        if (FindImports(lines) is { } existing)
        {
            var keepMarker = lines[existing.End].Contains(AddedLineMarker, StringComparison.Ordinal);
            return Replace(lines, existing, Render([.. document.Imports, importPath], keepMarker), newLine);
        }

        var insertAt = lines.FindIndex(IsVersionLine) + 1;
        lines.Insert(insertAt, Render([importPath], marked: true));
        return string.Join(newLine, lines);
    }

    /// <summary>Returns the config without <paramref name="importPath"/> in <c>imports</c> (unchanged if absent).</summary>
    /// <exception cref="ContainerdConfigException">The config is not valid.</exception>
    public static string RemoveImport(string configText, string importPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(importPath);
        var document = ContainerdConfigParser.ReadDocument(configText, "config.toml");
        var lines = SplitLines(configText, out var newLine);
        if (!document.Imports.Contains(importPath, StringComparer.Ordinal) || FindImports(lines) is not { } existing)
        {
            return configText;
        }

        var remaining = document.Imports.Where(path => !path.Equals(importPath, StringComparison.Ordinal)).ToList();
        var marked = lines[existing.End].Contains(AddedLineMarker, StringComparison.Ordinal);
        if (remaining.Count == 0 && marked)
        {
            lines.RemoveRange(existing.Start, existing.End - existing.Start + 1);
            return string.Join(newLine, lines);
        }

        return Replace(lines, existing, Render(remaining, marked), newLine);
    }

    private static List<string> SplitLines(string text, out string newLine)
    {
        newLine = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        return [.. text.Split(newLine)];
    }

    private static bool IsVersionLine(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("version", StringComparison.Ordinal) && trimmed["version".Length..].TrimStart().StartsWith('=');
    }

    // The top-level "imports = [...]" assignment, which may span lines; top level ends at the first table header.
    private static (int Start, int End)? FindImports(List<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (trimmed.StartsWith('['))
            {
                return null;
            }

            if (trimmed.StartsWith("imports", StringComparison.Ordinal) && trimmed["imports".Length..].TrimStart().StartsWith('='))
            {
                return (i, EndOfArray(lines, i));
            }
        }

        return null;
    }

    private static int EndOfArray(List<string> lines, int start)
    {
        var depth = 0;
        for (var i = start; i < lines.Count; i++)
        {
            char? quote = null;
            foreach (var c in lines[i])
            {
                if (quote is not null)
                {
                    quote = c == quote ? null : quote;
                    continue;
                }

                if (c is '"' or '\'')
                {
                    quote = c;
                }
                else if (c == '#')
                {
                    break;
                }
                else if (c == '[')
                {
                    depth++;
                }
                else if (c == ']' && --depth == 0)
                {
                    return i;
                }
            }
        }

        return start;
    }

    private static string Replace(List<string> lines, (int Start, int End) range, string replacement, string newLine)
    {
        lines.RemoveRange(range.Start, range.End - range.Start + 1);
        lines.Insert(range.Start, replacement);
        return string.Join(newLine, lines);
    }

    private static string Render(IEnumerable<string> paths, bool marked)
    {
        var line = "imports = [" + string.Join(", ", paths.Select(Quote)) + "]";
        return marked ? $"{line}  {AddedLineMarker}" : line;
    }

    // Literal strings keep Windows backslashes as they are; fall back to an escaped basic string.
    private static string Quote(string value) => value.Contains('\'', StringComparison.Ordinal)
        ? "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""
        : $"'{value}'";
}
