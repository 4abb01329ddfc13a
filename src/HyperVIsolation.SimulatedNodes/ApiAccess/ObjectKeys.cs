using k8s;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.ApiAccess;

/// <summary>The keys the simulated loops track changed objects by.</summary>
internal static class ObjectKeys
{
    /// <summary>The uid, or namespace/name for an object without one; a pod recreated under the same name is a new key.</summary>
    public static string Uid(IKubernetesObject<V1ObjectMeta> obj) =>
        obj.Metadata?.Uid is { Length: > 0 } uid ? uid : NamespacedName(obj);

    /// <summary><c>namespace/name</c>, or just the name of a cluster-scoped object.</summary>
    public static string NamespacedName(IKubernetesObject<V1ObjectMeta> obj) =>
        obj.Metadata?.NamespaceProperty is { Length: > 0 } ns ? ns + "/" + obj.Metadata.Name : obj.Metadata?.Name ?? string.Empty;
}
