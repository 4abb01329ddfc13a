namespace HyperVIsolation.LocalApiServer.Authorization;

/// <summary>One rule of a Role or ClusterRole (<c>rbac.authorization.k8s.io/v1 PolicyRule</c>).</summary>
/// <param name="Verbs">Verbs, or <c>*</c>.</param>
/// <param name="ApiGroups">API groups (empty string for the core group), or <c>*</c>.</param>
/// <param name="Resources">Resources, <c>resource/subresource</c>, <c>*/subresource</c> or <c>*</c>.</param>
/// <param name="ResourceNames">Object names the rule is limited to; empty for all.</param>
/// <param name="NonResourceUrls">Non-resource paths, exact or ending in <c>*</c> (prefix).</param>
public sealed record PolicyRule(
    IReadOnlyList<string> Verbs,
    IReadOnlyList<string> ApiGroups,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> ResourceNames,
    IReadOnlyList<string> NonResourceUrls)
{
    /// <summary>A resource rule.</summary>
    public static PolicyRule ForResources(IReadOnlyList<string> apiGroups, IReadOnlyList<string> resources, IReadOnlyList<string> verbs, IReadOnlyList<string>? resourceNames = null) =>
        new(verbs, apiGroups, resources, resourceNames ?? [], []);

    /// <summary>A non-resource rule.</summary>
    public static PolicyRule ForUrls(IReadOnlyList<string> urls, IReadOnlyList<string> verbs) => new(verbs, [], [], [], urls);

    /// <summary>
    /// Whether this rule allows the request: upstream's <c>RuleAllows</c>, with its matchers
    /// (<c>VerbMatches</c>, <c>APIGroupMatches</c>, <c>ResourceMatches</c>, <c>ResourceNameMatches</c>,
    /// <c>NonResourceURLMatches</c>).
    /// </summary>
    public bool Allows(RequestAttributes request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Verbs.Any(v => v == "*" || v == request.Verb))
        {
            return false;
        }

        if (!request.IsResourceRequest)
        {
            return NonResourceUrls.Any(url => url == "*" || url == request.Path || (url.EndsWith('*') && request.Path.StartsWith(url.TrimEnd('*'), StringComparison.Ordinal)));
        }

        return ApiGroups.Any(g => g == "*" || g == request.ApiGroup)
            && Resources.Any(r => ResourceMatches(r, request))
            && (ResourceNames.Count == 0 || ResourceNames.Contains(request.Name));
    }

    private static bool ResourceMatches(string ruleResource, RequestAttributes request) =>
        ruleResource == "*"
        || ruleResource == request.CombinedResource
        || (request.Subresource.Length > 0 && ruleResource == "*/" + request.Subresource);
}
