namespace HyperVIsolation.LocalApiServer.Authorization;

/// <summary>Every Role, ClusterRole and binding the server holds, as the authorizer reads them.</summary>
/// <param name="ClusterRoles">ClusterRole rules by name.</param>
/// <param name="Roles">Role rules by <c>(namespace, name)</c>.</param>
/// <param name="Bindings">RoleBindings and ClusterRoleBindings.</param>
public sealed record RbacPolicy(
    IReadOnlyDictionary<string, IReadOnlyList<PolicyRule>> ClusterRoles,
    IReadOnlyDictionary<(string Namespace, string Name), IReadOnlyList<PolicyRule>> Roles,
    IReadOnlyList<RbacBinding> Bindings)
{
    /// <summary>No roles and no bindings.</summary>
    public static RbacPolicy Empty { get; } = new(new Dictionary<string, IReadOnlyList<PolicyRule>>(), new Dictionary<(string, string), IReadOnlyList<PolicyRule>>(), []);
}
