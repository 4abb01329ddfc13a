using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Queue;
using k8s;
using k8s.Models;

namespace HyperVIsolation.ControllerRuntime.Hosting;

/// <summary>Changes of <typeparamref name="T"/> wake the key <paramref name="keyOf"/> maps them to.</summary>
/// <typeparam name="T">The watched resource type.</typeparam>
/// <param name="keyOf">The mapping.</param>
/// <param name="updateMatters">Which updates wake it; <see langword="null"/> for all.</param>
internal sealed class ControllerSource<T>(Func<T, ObjectKey?> keyOf, Func<T, T, bool>? updateMatters) : IControllerSource
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc/>
    public Type ResourceType => typeof(T);

    /// <inheritdoc/>
    public void Attach(object informer, WorkQueue queue) =>
        ((ResourceInformer<T>)informer).AddHandler(new EnqueueingChangeHandler<T>(queue, keyOf, updateMatters));
}
