using HyperVIsolation.LocalCluster.Options;

namespace HyperVIsolation.LocalCluster.Running;

/// <summary>The files the local cluster reads, resolved and checked before anything starts.</summary>
/// <param name="NodePoolPath">The node pool file.</param>
/// <param name="CrdDirectory">The CRD manifests.</param>
/// <param name="SamplesDirectory">The sample manifests.</param>
/// <param name="KubeconfigPath">The existing cluster to attach to, or null for the local API server.</param>
internal sealed record LocalClusterLayout(string NodePoolPath, string CrdDirectory, string SamplesDirectory, string? KubeconfigPath = null)
{
    /// <summary>
    /// Resolves the paths: given ones as typed (relative to the current directory), defaults from the
    /// repository's <c>config/</c> found above the current directory or the executable, so the
    /// command works from the repository root and from anywhere inside it.
    /// </summary>
    /// <returns>The layout, or every problem found.</returns>
    public static (LocalClusterLayout? Layout, IReadOnlyList<string> Errors) Resolve(LocalClusterOptions options, string currentDirectory, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var config = FindConfigDirectory(currentDirectory) ?? FindConfigDirectory(baseDirectory);
        var nodes = Path.GetFullPath(options.NodePoolPath ?? Path.Combine(baseDirectory, LocalClusterOptions.DefaultNodePoolFileName), currentDirectory);
        var crds = Directory(options.CrdDirectory, config, "crd", currentDirectory, "--crds", errors);
        var samples = Directory(options.SamplesDirectory, config, "samples", currentDirectory, "--samples", errors);
        if (!File.Exists(nodes))
        {
            errors.Add($"--nodes: the node pool file '{nodes}' does not exist.");
        }

        var kubeconfig = options.KubeconfigPath is null ? null : Path.GetFullPath(options.KubeconfigPath, currentDirectory);
        if (kubeconfig is not null && !File.Exists(kubeconfig))
        {
            errors.Add($"--kubeconfig: the file '{kubeconfig}' does not exist.");
        }

        return errors.Count == 0 && crds is not null && samples is not null
            ? (new LocalClusterLayout(nodes, crds, samples, kubeconfig), errors)
            : (null, errors);
    }

    private static string? Directory(string? given, string? config, string child, string currentDirectory, string option, List<string> errors)
    {
        if (given is null && config is null)
        {
            errors.Add($"{option}: no config/{child} directory above '{currentDirectory}'; run from the repository or pass {option} <dir>.");
            return null;
        }

        var path = given is null ? Path.Combine(config!, child) : Path.GetFullPath(given, currentDirectory);
        if (!System.IO.Directory.Exists(path))
        {
            errors.Add($"{option}: the directory '{path}' does not exist.");
            return null;
        }

        return path;
    }

    private static string? FindConfigDirectory(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var config = Path.Combine(directory.FullName, "config");
            if (System.IO.Directory.Exists(Path.Combine(config, "crd")) && System.IO.Directory.Exists(Path.Combine(config, "samples")))
            {
                return config;
            }
        }

        return null;
    }
}
