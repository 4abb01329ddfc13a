using k8s;
using k8s.Models;

namespace HyperVIsolation.ControllerRuntime.Queue;

/// <summary>
/// Identifies one Kubernetes object by namespace and name: the unit of work of a controller.
/// Reconcilers receive keys, never objects, so they always act on current state.
/// </summary>
/// <param name="Namespace">The namespace, or <see langword="null"/> for cluster-scoped objects.</param>
/// <param name="Name">The object name.</param>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    /// <summary>Builds the key of an object from its metadata.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>The key of <paramref name="obj"/>.</returns>
    public static ObjectKey From(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var metadata = obj.Metadata ?? throw new ArgumentException("The object has no metadata.", nameof(obj));
        return new ObjectKey(NullIfEmpty(metadata.NamespaceProperty), metadata.Name ?? string.Empty);
    }

    /// <summary>Returns <c>namespace/name</c>, or <c>name</c> for cluster-scoped objects.</summary>
    /// <returns>The key as text.</returns>
    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
