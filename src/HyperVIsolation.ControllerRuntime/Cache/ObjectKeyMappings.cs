using HyperVIsolation.ControllerRuntime.Queue;
using k8s;
using k8s.Models;

namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>Common ways to map a changed object to the key of the object to reconcile.</summary>
public static class ObjectKeyMappings
{
    /// <summary>The object itself.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>Its key.</returns>
    public static ObjectKey? Self(IKubernetesObject<V1ObjectMeta> obj) => ObjectKey.From(obj);

    /// <summary>
    /// The controlling owner of the object when it is of <paramref name="ownerKind"/> (same namespace, as
    /// ownerReferences require), for example the <c>IsolatedWorkload</c> of a pod.
    /// </summary>
    /// <param name="ownerKind">The owner kind to follow.</param>
    /// <returns>The mapping.</returns>
    public static Func<IKubernetesObject<V1ObjectMeta>, ObjectKey?> ControllerOwner(string ownerKind) => obj =>
        Cache.ControllerOwner.Of(obj) is { } owner && owner.Kind == ownerKind && !string.IsNullOrEmpty(owner.Name)
            ? new ObjectKey(string.IsNullOrEmpty(obj.Metadata?.NamespaceProperty) ? null : obj.Metadata.NamespaceProperty, owner.Name)
            : null;
}
