using HyperVIsolation.Api.V1Alpha1;
using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalCluster.Manifests;

/// <summary>Reads every object of the YAML files in a directory (not the kustomization), in file-name order.</summary>
internal static class ManifestReader
{
    // The client's default map knows the built-in kinds; ours are added so they deserialize typed.
    private static readonly Dictionary<string, Type> OwnKinds = new(StringComparer.Ordinal)
    {
        [$"{ApiGroup.ApiVersion}/{IsolatedWorkload.KindName}"] = typeof(IsolatedWorkload),
        [$"{ApiGroup.ApiVersion}/{IsolationPolicy.KindName}"] = typeof(IsolationPolicy),
    };

    /// <summary>The manifest files of <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> Files(string directory) =>
        [.. Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Where(f => !Path.GetFileNameWithoutExtension(f).Equals("kustomization", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)];

    /// <summary>Reads every object of every manifest file in <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidDataException">A file cannot be read; the message names the file and the problem.</exception>
    public static async Task<IReadOnlyList<Manifest>> ReadDirectoryAsync(string directory, CancellationToken cancellationToken)
    {
        var manifests = new List<Manifest>();
        foreach (var file in Files(directory))
        {
            cancellationToken.ThrowIfCancellationRequested();
            manifests.AddRange(await ReadFileAsync(file));
        }

        return manifests;
    }

    /// <summary>Reads every object of one file.</summary>
    /// <exception cref="InvalidDataException">The file is not valid Kubernetes YAML or holds a kind we cannot apply.</exception>
    public static async Task<IReadOnlyList<Manifest>> ReadFileAsync(string file)
    {
        List<object> objects;
        try
        {
            objects = await KubernetesYaml.LoadAllFromFileAsync(file, OwnKinds);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // The YAML library throws many exception types; all mean the same thing to the user.
            throw new InvalidDataException($"{file}: {e.Message}", e);
        }

        return [.. objects.Select(o => o is IKubernetesObject<V1ObjectMeta> typed
            ? new Manifest(typed, file)
            : throw new InvalidDataException($"{file}: '{o.GetType().Name}' is not a Kubernetes object with metadata."))];
    }
}
