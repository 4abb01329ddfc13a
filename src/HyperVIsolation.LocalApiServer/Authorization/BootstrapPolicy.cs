using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Authorization;

/// <summary>
/// The default roles kube-apiserver creates that every client relies on before any chart runs: discovery and
/// version for every authenticated user, and <c>cluster-admin</c> for <c>system:masters</c> (upstream's
/// <c>bootstrappolicy</c>; the rest of upstream's defaults, for controllers and nodes, are not seeded).
/// </summary>
public static class BootstrapPolicy
{
    private static readonly string[] DiscoveryUrls = ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"];
    private static readonly string[] PublicInfoUrls = ["/healthz", "/livez", "/readyz", "/version", "/version/"];

    /// <summary>The ClusterRoles, then the ClusterRoleBindings.</summary>
    public static IReadOnlyList<(string Resource, JsonObject Object)> Objects() =>
    [
        ("clusterroles", Role("cluster-admin", new JsonObject { ["apiGroups"] = Array("*"), ["resources"] = Array("*"), ["verbs"] = Array("*") }, new JsonObject { ["nonResourceURLs"] = Array("*"), ["verbs"] = Array("*") })),
        ("clusterroles", Role("system:discovery", new JsonObject { ["nonResourceURLs"] = Array(DiscoveryUrls), ["verbs"] = Array("get") })),
        ("clusterroles", Role("system:public-info-viewer", new JsonObject { ["nonResourceURLs"] = Array(PublicInfoUrls), ["verbs"] = Array("get") })),
        ("clusterrolebindings", Binding("cluster-admin", "system:masters")),
        ("clusterrolebindings", Binding("system:discovery", "system:authenticated")),
        ("clusterrolebindings", Binding("system:public-info-viewer", "system:authenticated", "system:unauthenticated")),
    ];

    private static JsonObject Role(string name, params JsonObject[] rules) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "ClusterRole",
        ["metadata"] = Metadata(name),
        ["rules"] = new JsonArray([.. rules]),
    };

    private static JsonObject Binding(string name, params string[] groups) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "ClusterRoleBinding",
        ["metadata"] = Metadata(name),
        ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = name },
        ["subjects"] = new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Group", ["name"] = g })]),
    };

    private static JsonObject Metadata(string name) => new()
    {
        ["name"] = name,
        ["labels"] = new JsonObject { ["kubernetes.io/bootstrapping"] = "rbac-defaults" },
        ["annotations"] = new JsonObject { ["rbac.authorization.kubernetes.io/autoupdate"] = "true" },
    };

    private static JsonArray Array(params string[] values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
