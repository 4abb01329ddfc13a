using HyperVIsolation.LocalApiServer.Resources;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>A request to a resource path, parsed.</summary>
/// <param name="Resource">The addressed resource.</param>
/// <param name="Namespace">Namespace from the path; null for cluster-scoped or all-namespaces requests.</param>
/// <param name="Name">Object name, when the path names one.</param>
/// <param name="Subresource">Subresource (status, scale, binding, ...), when present.</param>
/// <param name="WatchPath">True for the legacy <c>/watch/</c> path form.</param>
public sealed record ApiRequest(ResourceDefinition Resource, string? Namespace, string? Name, string? Subresource, bool WatchPath)
{
    /// <summary>Namespace for storage: the path namespace, or empty for cluster-scoped resources.</summary>
    public string StorageNamespace => Namespace ?? string.Empty;

    /// <summary>Resource name with subresource, as used in discovery and messages.</summary>
    public string QualifiedName => Subresource is null ? Resource.Plural : $"{Resource.Plural}/{Subresource}";
}
