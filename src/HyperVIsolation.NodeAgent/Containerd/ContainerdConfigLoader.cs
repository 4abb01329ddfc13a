using Tomlyn.Model;

namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>
/// Reads a containerd config file with every file its <c>imports</c> name, the way containerd's <c>LoadConfig</c>
/// does: files are read breadth first (the main file, then its imports in order, then theirs), imports inside
/// imported files are followed to any depth, a file met twice is read once, a named file that does not exist is an
/// error (containerd refuses to start), and each file is folded in by <see cref="ContainerdImportMerge"/>, whose
/// rule differs between containerd 1.x and 2.x.
/// </summary>
public static class ContainerdConfigLoader
{
    /// <summary>Loads <paramref name="path"/> with its imports.</summary>
    /// <exception cref="ContainerdConfigException">A file is malformed, an imported file is missing, or containerd would refuse the files.</exception>
    /// <exception cref="FileNotFoundException">The main file is missing.</exception>
    public static async Task<ContainerdConfig> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var merged = await LoadMergedAsync(path, excluding: null, cancellationToken);
        return merged.ToConfig(path);
    }

    /// <summary>Loads <paramref name="path"/> with its imports, leaving out <paramref name="excluding"/> (and what only it imports).</summary>
    /// <param name="path">The main file.</param>
    /// <param name="excluding">A file to read as if no <c>imports</c> named it: the node agent's own drop-in, to see the node without it.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="ContainerdConfigException">A file is malformed, an imported file is missing, or containerd would refuse the files.</exception>
    /// <exception cref="FileNotFoundException">The main file is missing.</exception>
    public static async Task<MergedContainerdConfig> LoadMergedAsync(string path, string? excluding, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var root = Path.GetFullPath(path);
        var skipped = excluding is null ? null : Path.GetFullPath(excluding);
        var main = ContainerdConfigParser.ReadDocument(await File.ReadAllTextAsync(root, cancellationToken), root);
        var loaded = new List<string> { root };
        var pending = new Queue<(string File, string ImportedBy)>(Imports(main, root));
        while (pending.TryDequeue(out var next))
        {
            if (SamePath(next.File, skipped) || loaded.Any(file => SamePath(file, next.File)))
            {
                continue;
            }

            var document = ContainerdConfigParser.ReadDocument(await ReadImportAsync(next.File, next.ImportedBy, cancellationToken), next.File);
            ContainerdImportMerge.Apply(main.Version, main.Root, document, next.File);
            loaded.Add(next.File);
            foreach (var import in Imports(document, next.File, main.Version))
            {
                pending.Enqueue(import);
            }
        }

        return new MergedContainerdConfig(main.Version, main.Imports, main.Root, loaded);

        IEnumerable<(string, string)> Imports(ParsedContainerdDocument document, string file, int? rootVersion = null) =>
            ContainerdImportPaths.Resolve(rootVersion ?? document.Version, file, document.Imports, Environment.CurrentDirectory)
                .Select(import => (import, file));
    }

    private static async Task<string> ReadImportAsync(string file, string importedBy, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(file, cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ContainerdConfigException(
                $"{importedBy} imports {file}, which does not exist: containerd refuses to start until the file exists or the import is removed.", exception);
        }
    }

    // Windows paths are case-insensitive; containerd itself compares the strings, which only differs for odd spellings.
    private static bool SamePath(string file, string? other) =>
        other is not null && string.Equals(file, other, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
