namespace HyperVIsolation.LocalApiServer.Patching.Schema;

/// <summary>How a field merges, in strategic merge patch and server-side apply alike.</summary>
public enum FieldStrategy
{
    /// <summary>The default: objects merge field by field, lists are replaced whole.</summary>
    Granular,

    /// <summary>The value is replaced whole (<c>x-kubernetes-list-type: atomic</c>, <c>x-kubernetes-map-type: atomic</c>).</summary>
    Atomic,

    /// <summary>A list of objects merged by key fields (<c>x-kubernetes-list-type: map</c>, <c>patchStrategy: merge</c>).</summary>
    ListMap,

    /// <summary>A list of scalars merged as a set (<c>x-kubernetes-list-type: set</c>).</summary>
    Set,
}
