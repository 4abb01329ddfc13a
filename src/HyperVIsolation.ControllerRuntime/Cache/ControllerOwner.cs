using k8s;
using k8s.Models;

namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>Reads the controlling owner of an object: its ownerReference with <c>controller: true</c>.</summary>
public static class ControllerOwner
{
    /// <summary>The controlling ownerReference of <paramref name="obj"/>, if any.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>The reference, or <see langword="null"/>.</returns>
    public static V1OwnerReference? Of(IKubernetesObject<V1ObjectMeta> obj) =>
        obj?.Metadata?.OwnerReferences?.FirstOrDefault(owner => owner?.Controller == true);

    /// <summary>The UID of the controlling owner of <paramref name="obj"/>, if any.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>The UID, or <see langword="null"/> when there is no controller or it has no UID.</returns>
    public static string? UidOf(IKubernetesObject<V1ObjectMeta> obj) => Of(obj)?.Uid is { Length: > 0 } uid ? uid : null;
}
