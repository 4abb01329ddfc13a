using HyperVIsolation.ControllerRuntime.Queue;
using k8s;
using k8s.Models;

namespace HyperVIsolation.ControllerRuntime.Hosting;

/// <summary>
/// The caches whose changes wake a controller, and which key each change wakes. Every watched type needs
/// an informer (add them with <see cref="ControllerRuntimeServiceCollectionExtensions.AddInformer{T}"/>).
/// </summary>
public sealed class ControllerSources
{
    private readonly List<IControllerSource> _sources = [];

    internal IReadOnlyList<IControllerSource> Sources => _sources;

    /// <summary>Queues <paramref name="keyOf"/>(object) whenever a cached <typeparamref name="T"/> is added, changed or deleted.</summary>
    /// <typeparam name="T">The watched resource type.</typeparam>
    /// <param name="keyOf">
    /// The key to reconcile, or <see langword="null"/> for none; see <see cref="ControllerRuntime.Cache.ObjectKeyMappings"/>
    /// (<c>Self</c>, <c>ControllerOwner(kind)</c>).
    /// </param>
    /// <param name="updateMatters">
    /// Whether an update (old, new) can change what the controller does; updates it rejects wake nothing.
    /// <see langword="null"/> (the default) wakes on every update.
    /// </param>
    /// <returns>This, for chaining.</returns>
    public ControllerSources Watch<T>(Func<T, ObjectKey?> keyOf, Func<T, T, bool>? updateMatters = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(keyOf);
        _sources.Add(new ControllerSource<T>(keyOf, updateMatters));
        return this;
    }
}
