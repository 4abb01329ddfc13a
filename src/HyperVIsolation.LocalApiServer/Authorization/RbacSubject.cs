namespace HyperVIsolation.LocalApiServer.Authorization;

/// <summary>A subject of a RoleBinding or ClusterRoleBinding.</summary>
/// <param name="Kind"><c>User</c>, <c>Group</c> or <c>ServiceAccount</c>.</param>
/// <param name="Name">The user, group or service account name.</param>
/// <param name="Namespace">A service account's namespace; empty means the RoleBinding's own.</param>
public sealed record RbacSubject(string Kind, string Name, string Namespace = "")
{
    /// <summary>
    /// Whether the subject names the user: upstream's <c>appliesToUser</c>, where a service account without a
    /// namespace takes the binding's (<paramref name="bindingNamespace"/>, empty for a ClusterRoleBinding, which then matches nobody).
    /// </summary>
    public bool AppliesTo(string user, IReadOnlyList<string> groups, string bindingNamespace)
    {
        ArgumentNullException.ThrowIfNull(groups);
        switch (Kind)
        {
            case "User":
                return user == Name;
            case "Group":
                return groups.Contains(Name);
            case "ServiceAccount":
                var ns = Namespace.Length > 0 ? Namespace : bindingNamespace;
                return ns.Length > 0 && user == ServiceAccountUser.Name(ns, Name);
            default:
                return false;
        }
    }
}
