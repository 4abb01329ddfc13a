using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalCluster.Manifests;

/// <summary>One object read from a manifest file.</summary>
/// <param name="Object">The object.</param>
/// <param name="SourceFile">The file it came from, for messages.</param>
internal sealed record Manifest(IKubernetesObject<V1ObjectMeta> Object, string SourceFile)
{
    /// <summary><c>Kind/name</c>, as kubectl prints it.</summary>
    public string DisplayName => $"{Object.Kind}/{Object.Metadata?.Name}";
}
