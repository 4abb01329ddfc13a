using HyperVIsolation.Api.V1Alpha1;
using k8s;

namespace HyperVIsolation.LocalCluster.Manifests;

/// <summary>
/// The order samples are applied in: namespaces first (everything else may live in them), then
/// isolation policies (so the workloads are admitted and sized under them), then the rest as found.
/// </summary>
internal static class ManifestOrder
{
    /// <summary>The rank of a kind; lower goes first.</summary>
    public static int Rank(IKubernetesObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Kind switch
        {
            "Namespace" => 0,
            IsolationPolicy.KindName => 1,
            _ => 2,
        };
    }

    /// <summary>Stable sort by <see cref="Rank"/>.</summary>
    public static IReadOnlyList<Manifest> Sort(IEnumerable<Manifest> manifests) =>
        [.. manifests.OrderBy(m => Rank(m.Object))];
}
