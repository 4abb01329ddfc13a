using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Admission;

/// <summary>One <c>rules[]</c> entry of a webhook (a RuleWithOperations).</summary>
/// <param name="Operations">CREATE, UPDATE, DELETE, CONNECT or <c>*</c>.</param>
/// <param name="ApiGroups">Groups, <c>*</c> for all.</param>
/// <param name="ApiVersions">Versions, <c>*</c> for all.</param>
/// <param name="Resources">Resources: <c>pods</c>, <c>pods/status</c>, <c>pods/*</c>, <c>*</c>, <c>*/*</c>, <c>*/status</c>.</param>
/// <param name="Scope">Cluster, Namespaced or <c>*</c>.</param>
public sealed record WebhookRule(
    IReadOnlyList<string> Operations,
    IReadOnlyList<string> ApiGroups,
    IReadOnlyList<string> ApiVersions,
    IReadOnlyList<string> Resources,
    string Scope)
{
    /// <summary>Reads a rule from its JSON form.</summary>
    public static WebhookRule Read(JsonObject rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new WebhookRule(Strings(rule["operations"]), Strings(rule["apiGroups"]), Strings(rule["apiVersions"]), Strings(rule["resources"]), rule["scope"]?.ToString() ?? "*");
    }

    /// <summary>True when the rule covers the operation, group, version, resource and subresource.</summary>
    public bool Matches(string operation, string group, string version, string resource, string? subresource, bool namespaced)
    {
        var scoped = Scope switch
        {
            "Cluster" => !namespaced,
            "Namespaced" => namespaced,
            _ => true,
        };
        return scoped
            && Operations.Any(o => o == "*" || o == operation)
            && ApiGroups.Any(g => g == "*" || g == group)
            && ApiVersions.Any(v => v == "*" || v == version)
            && Resources.Any(r => ResourceMatches(r, resource, subresource));
    }

    /// <summary>True when some rule entry could cover the group and resource in any version (for matchPolicy Equivalent).</summary>
    public bool CoversGroupResource(string group, string resource, string? subresource) =>
        ApiGroups.Any(g => g == "*" || g == group) && Resources.Any(r => ResourceMatches(r, resource, subresource));

    private static bool ResourceMatches(string pattern, string resource, string? subresource)
    {
        var parts = pattern.Split('/', 2);
        var resourceOk = parts[0] == "*" || parts[0] == resource;
        if (parts.Length == 1)
        {
            return resourceOk && subresource is null;
        }

        return resourceOk && subresource is not null && (parts[1] == "*" || parts[1] == subresource);
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n?.ToString() ?? string.Empty).ToList() : [];
}
