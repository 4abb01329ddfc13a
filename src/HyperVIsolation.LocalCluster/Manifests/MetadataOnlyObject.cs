using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalCluster.Manifests;

/// <summary>Any object read for its metadata alone (the rest of the body is ignored).</summary>
internal sealed class MetadataOnlyObject : IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc />
    public string ApiVersion { get; set; } = string.Empty;

    /// <inheritdoc />
    public string Kind { get; set; } = string.Empty;

    /// <inheritdoc />
    public V1ObjectMeta Metadata { get; set; } = new();
}
