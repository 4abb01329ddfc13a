namespace HyperVIsolation.LocalApiServer.Authorization;

/// <summary>
/// What a request asks to do, as kube-apiserver's <c>RequestInfo</c> derives it from the URL alone
/// (before any routing), so authorization answers 403 before a path could answer 404.
/// </summary>
/// <param name="Verb">get, list, watch, create, update, patch, delete, deletecollection; for non-resource paths the lower-case HTTP method.</param>
/// <param name="IsResourceRequest">False for discovery, OpenAPI and other non-resource paths.</param>
/// <param name="Path">The URL path (what non-resource rules match).</param>
/// <param name="ApiGroup">API group; empty for the core group.</param>
/// <param name="Namespace">Namespace; empty for cluster-scoped requests (a namespace's own name for <c>namespaces/&lt;name&gt;</c>).</param>
/// <param name="Resource">Plural resource.</param>
/// <param name="Subresource">Subresource (status, log, token), or empty.</param>
/// <param name="Name">Object name, or empty (for list and watch, the name a <c>metadata.name</c> field selector requires).</param>
public sealed record RequestAttributes(
    string Verb,
    bool IsResourceRequest,
    string Path,
    string ApiGroup = "",
    string Namespace = "",
    string Resource = "",
    string Subresource = "",
    string Name = "")
{
    /// <summary>The resource with its subresource, as RBAC rules and Forbidden messages name it (<c>pods/status</c>).</summary>
    public string CombinedResource => Subresource.Length == 0 ? Resource : $"{Resource}/{Subresource}";
}
