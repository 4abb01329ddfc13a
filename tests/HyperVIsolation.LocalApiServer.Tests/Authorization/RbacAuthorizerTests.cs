using HyperVIsolation.LocalApiServer.Authorization;

namespace HyperVIsolation.LocalApiServer.Tests.Authorization;

public sealed class RbacAuthorizerTests
{
    private const string Operator = "system:serviceaccount:ops:operator";
    private static readonly IReadOnlyList<string> OperatorGroups = ServiceAccountUser.Groups("ops");

    private static readonly RbacPolicy Policy = new(
        new Dictionary<string, IReadOnlyList<PolicyRule>>
        {
            ["pods-reader"] = [PolicyRule.ForResources([""], ["pods"], ["get", "list", "watch"])],
            ["status-writer"] = [PolicyRule.ForResources([""], ["pods/status"], ["patch"]), PolicyRule.ForResources(["apps"], ["*/scale"], ["update"])],
            ["one-lease"] = [PolicyRule.ForResources(["coordination.k8s.io"], ["leases"], ["get", "update"], ["the-lease"])],
            ["everything"] = [PolicyRule.ForResources(["*"], ["*"], ["*"])],
            ["metrics"] = [PolicyRule.ForUrls(["/metrics", "/apis/*"], ["get"])],
        },
        new Dictionary<(string, string), IReadOnlyList<PolicyRule>>
        {
            [("ops", "secrets")] = [PolicyRule.ForResources([""], ["secrets"], ["get", "create"])],
        },
        [
            new("read-pods", "", "ClusterRole", "pods-reader", [new("ServiceAccount", "operator", "ops")]),
            new("status", "", "ClusterRole", "status-writer", [new("Group", "system:serviceaccounts:ops")]),
            new("lease", "ops", "ClusterRole", "one-lease", [new("ServiceAccount", "operator")]),
            new("secrets", "ops", "Role", "secrets", [new("User", Operator)]),
            new("admins", "", "ClusterRole", "everything", [new("User", "alice")]),
            new("metrics", "", "ClusterRole", "metrics", [new("Group", "system:authenticated")]),
            new("dangling", "other", "Role", "missing", [new("ServiceAccount", "operator", "ops")]),
            new("dangling-cluster", "", "ClusterRole", "gone", [new("User", "bob")]),
            // A ServiceAccount subject without a namespace in a ClusterRoleBinding matches nobody.
            new("no-namespace", "", "ClusterRole", "everything", [new("ServiceAccount", "operator")]),
        ]);

    public static TheoryData<string, RequestAttributes, bool> Decisions => new()
    {
        { "cluster binding, any namespace", Resource("list", "pods", ns: "tenant"), true },
        { "cluster binding, cluster scope", Resource("watch", "pods"), true },
        { "verb not granted", Resource("delete", "pods", ns: "tenant", name: "p"), false },
        { "subresource needs its own rule", Resource("get", "pods", ns: "tenant", name: "p", sub: "log"), false },
        { "subresource rule through a group", Resource("patch", "pods", ns: "tenant", name: "p", sub: "status"), true },
        { "subresource rule does not grant the main resource", Resource("patch", "pods", ns: "tenant", name: "p"), false },
        { "*/scale matches any resource's scale", Resource("update", "deployments", "apps", "ns", "d", "scale"), true },
        { "*/scale in another group", Resource("update", "deployments", "extensions", "ns", "d", "scale"), false },
        { "group must match", Resource("list", "pods", "apps", "ns"), false },
        { "resourceNames: the named object", Resource("get", "leases", "coordination.k8s.io", "ops", "the-lease"), true },
        { "resourceNames: another object", Resource("get", "leases", "coordination.k8s.io", "ops", "other"), false },
        { "resourceNames never match create (no name)", Resource("update", "leases", "coordination.k8s.io", "ops"), false },
        { "RoleBinding only in its namespace", Resource("get", "leases", "coordination.k8s.io", "tenant", "the-lease"), false },
        { "Role through a User subject", Resource("create", "secrets", ns: "ops"), true },
        { "Role not granted at cluster scope", Resource("list", "secrets"), false },
        { "non-resource exact", new("get", false, "/metrics"), true },
        { "non-resource prefix", new("get", false, "/apis/apps/v1"), true },
        { "non-resource prefix does not match the bare path", new("get", false, "/apis"), false },
        { "non-resource verb", new("post", false, "/metrics"), false },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Authorize_OperatorServiceAccount_FollowsBindings(string why, RequestAttributes request, bool allowed)
    {
        var decision = RbacAuthorizer.Authorize(Policy, Operator, OperatorGroups, request);

        decision.Allowed.Should().Be(allowed, why);
    }

    [Fact]
    public void Authorize_SystemMasters_AllowsWithoutAnyRole()
    {
        var decision = RbacAuthorizer.Authorize(RbacPolicy.Empty, "root", ["system:masters", "system:authenticated"], Resource("delete", "nodes", name: "n1"));

        decision.Allowed.Should().BeTrue();
    }

    [Fact]
    public void Authorize_Wildcards_AllowEverything()
    {
        var decision = RbacAuthorizer.Authorize(Policy, "alice", ["system:authenticated"], Resource("deletecollection", "isolatedworkloads", "isolation.hyperv.dev", "t"));

        decision.Allowed.Should().BeTrue();
        decision.Binding.Should().Be("ClusterRoleBinding/admins");
    }

    [Fact]
    public void Authorize_BindingToMissingRole_DeniesNamingTheRole()
    {
        var missingRole = RbacAuthorizer.Authorize(Policy, Operator, OperatorGroups, Resource("get", "configmaps", ns: "other", name: "c"));
        var missingClusterRole = RbacAuthorizer.Authorize(Policy, "bob", ["system:authenticated"], Resource("get", "configmaps", ns: "other", name: "c"));

        missingRole.Should().Be(new AuthorizationDecision(false, "RBAC: role.rbac.authorization.k8s.io \"missing\" not found"));
        missingClusterRole.Should().Be(new AuthorizationDecision(false, "RBAC: clusterrole.rbac.authorization.k8s.io \"gone\" not found"));
    }

    [Fact]
    public void Authorize_UnknownUser_DeniesWithoutReason()
    {
        var decision = RbacAuthorizer.Authorize(Policy, "mallory", ["system:authenticated"], Resource("list", "pods", ns: "tenant"));

        decision.Should().Be(new AuthorizationDecision(false, string.Empty));
    }

    private static RequestAttributes Resource(string verb, string resource, string group = "", string ns = "", string name = "", string sub = "") =>
        new(verb, true, "/", group, ns, resource, sub, name);
}
