namespace HyperVIsolation.LocalApiServer.Authorization;

/// <summary>A RoleBinding (with its namespace) or a ClusterRoleBinding (namespace empty).</summary>
/// <param name="Name">The binding's name.</param>
/// <param name="Namespace">The RoleBinding's namespace; empty for a ClusterRoleBinding.</param>
/// <param name="RoleKind"><c>Role</c> or <c>ClusterRole</c>.</param>
/// <param name="RoleName">The referenced role.</param>
/// <param name="Subjects">Who the binding grants the role to.</param>
public sealed record RbacBinding(string Name, string Namespace, string RoleKind, string RoleName, IReadOnlyList<RbacSubject> Subjects)
{
    /// <summary>True for a ClusterRoleBinding.</summary>
    public bool IsClusterBinding => Namespace.Length == 0;
}
