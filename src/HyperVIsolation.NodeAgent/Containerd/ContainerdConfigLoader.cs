using Tomlyn.Model;

namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>
/// Reads a containerd config file and the drop-ins its <c>imports</c> name, merged the way containerd
/// merges them: imports are resolved relative to the main file's folder, may use a <c>*</c> glob in
/// the file name, are applied in order, and later tables deep-merge over earlier ones key by key.
/// </summary>
public static class ContainerdConfigLoader
{
    /// <summary>Loads <paramref name="path"/> with its imports.</summary>
    /// <exception cref="ContainerdConfigException">A file is malformed.</exception>
    /// <exception cref="FileNotFoundException">The main file is missing (a missing import is skipped, as containerd does for globs).</exception>
    public static async Task<ContainerdConfig> LoadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var main = ContainerdConfigParser.ReadDocument(await File.ReadAllTextAsync(path, cancellationToken), path);
        var merged = new TomlTable();
        DeepMerge(merged, main.Runtimes);

        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        foreach (var importPath in ResolveImports(directory, main.Imports))
        {
            var imported = ContainerdConfigParser.ReadDocument(await File.ReadAllTextAsync(importPath, cancellationToken), importPath);
            DeepMerge(merged, imported.Runtimes);
        }

        return new ContainerdConfig
        {
            Version = main.Version,
            Imports = main.Imports,
            RuntimeHandlers = ContainerdConfigParser.ToHandlers(merged, path),
        };
    }

    private static IEnumerable<string> ResolveImports(string directory, IEnumerable<string> imports)
    {
        foreach (var import in imports)
        {
            var full = Path.IsPathRooted(import) ? import : Path.Combine(directory, import);
            var folder = Path.GetDirectoryName(full) ?? directory;
            var pattern = Path.GetFileName(full);
            if (!pattern.Contains('*', StringComparison.Ordinal))
            {
                if (File.Exists(full))
                {
                    yield return full;
                }

                continue;
            }

            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var match in Directory.GetFiles(folder, pattern).Order(StringComparer.Ordinal))
            {
                yield return match;
            }
        }
    }

    private static void DeepMerge(TomlTable target, TomlTable source)
    {
        foreach (var (key, value) in source)
        {
            if (value is TomlTable sourceTable && target.TryGetValue(key, out var existing) && existing is TomlTable targetTable)
            {
                DeepMerge(targetTable, sourceTable);
                continue;
            }

            target[key] = value;
        }
    }
}
