namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>
/// The files an <c>imports</c> list names, resolved as containerd resolves them (<c>resolveImports</c>): a path
/// without <c>*</c> is taken as it is, relative to the importing file's folder, whether or not it exists (a missing
/// one stops containerd later); a path with <c>*</c> is a glob whose matches are taken in name order, and none is
/// fine. containerd 2.x (version 3) resolves a relative glob against the importing file's folder too; 1.x (versions
/// 1 and 2) globs the path as written, so a relative glob there is relative to containerd's working directory.
/// </summary>
internal static class ContainerdImportPaths
{
    /// <summary>The files <paramref name="imports"/> names, in containerd's order.</summary>
    /// <param name="rootVersion">The version of the file containerd was started with.</param>
    /// <param name="importingFile">The full path of the file whose <c>imports</c> these are.</param>
    /// <param name="imports">The paths as written.</param>
    /// <param name="workingDirectory">Where containerd 1.x resolves a relative glob.</param>
    /// <exception cref="ContainerdConfigException">A glob with a wildcard in a folder name, which this reader does not follow.</exception>
    public static IEnumerable<string> Resolve(int rootVersion, string importingFile, IEnumerable<string> imports, string workingDirectory)
    {
        var folder = Path.GetDirectoryName(importingFile) ?? ".";
        foreach (var import in imports)
        {
            var isGlob = import.Contains('*', StringComparison.Ordinal);
            var relativeTo = isGlob && rootVersion < ContainerdConfigVersions.Containerd2 ? workingDirectory : folder;
            var full = Path.GetFullPath(import, relativeTo);
            if (!isGlob)
            {
                yield return full;
                continue;
            }

            foreach (var match in Glob(full, importingFile))
            {
                yield return match;
            }
        }
    }

    // Go's filepath.Glob, for a wildcard in the file name: matching entries in lexical order.
    private static List<string> Glob(string pattern, string importingFile)
    {
        var directory = Path.GetDirectoryName(pattern) ?? ".";
        if (directory.IndexOfAny(['*', '?', '[']) >= 0)
        {
            throw new ContainerdConfigException($"{importingFile}: import '{pattern}' has a wildcard in a folder name, which the node agent does not follow.");
        }

        if (!Directory.Exists(directory))
        {
            return [];
        }

        var name = Path.GetFileName(pattern);
        return Directory.EnumerateFiles(directory)
            .Where(file => GoPathPattern.IsMatch(name, Path.GetFileName(file)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
