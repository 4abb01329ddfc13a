namespace HyperVIsolation.LocalApiServer.Authorization;

/// <summary>The authorizer's answer: allowed, by which binding and role, or denied with upstream's reason text.</summary>
/// <param name="Allowed">Whether the request may proceed.</param>
/// <param name="Reason">Denied: <c>RBAC: ...</c> naming missing roles, or empty (kube-apiserver's usual case). Allowed: how.</param>
/// <param name="Binding">The binding that granted it (<c>ClusterRoleBinding/name</c> or <c>RoleBinding/ns/name</c>), when allowed by RBAC.</param>
/// <param name="Rule">The rule that granted it, when allowed by RBAC.</param>
public sealed record AuthorizationDecision(bool Allowed, string Reason, string? Binding = null, PolicyRule? Rule = null);
