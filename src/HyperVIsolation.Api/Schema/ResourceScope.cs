namespace HyperVIsolation.Api.Schema;

/// <summary>Scope of a custom resource.</summary>
public enum ResourceScope
{
    /// <summary>Objects live in a namespace.</summary>
    Namespaced,

    /// <summary>Objects are cluster-wide.</summary>
    Cluster,
}
