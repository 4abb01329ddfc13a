namespace HyperVIsolation.ControllerRuntime.Hosting;

/// <summary>Which objects an informer added with <see cref="ControllerRuntimeServiceCollectionExtensions.AddInformer{T}"/> caches, and what it keeps of each.</summary>
/// <typeparam name="T">The resource type.</typeparam>
public sealed record InformerScope<T>
    where T : class
{
    /// <summary>Only this namespace, or every namespace (and cluster-scoped types) when <see langword="null"/>.</summary>
    public string? Namespace { get; init; }

    /// <summary>Only objects matching this label selector, when set.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Only objects matching this field selector (a node agent's <c>spec.nodeName=&lt;node&gt;</c>), when set.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Trims each object before it is cached (see <see cref="Cache.ResourceInformerOptions{T}.Transform"/>).</summary>
    public Func<T, T>? Transform { get; init; }
}
