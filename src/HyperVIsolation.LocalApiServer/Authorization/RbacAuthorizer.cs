namespace HyperVIsolation.LocalApiServer.Authorization;

/// <summary>
/// kube-apiserver's authorization for this server: the privileged group <c>system:masters</c> may do anything,
/// then RBAC (upstream's <c>RBACAuthorizer</c>: ClusterRoleBindings everywhere, RoleBindings in their namespace,
/// a RoleBinding may grant a ClusterRole there). Pure: the policy and the request in, the decision out.
/// </summary>
public static class RbacAuthorizer
{
    /// <summary>The group kube-apiserver lets do anything before any authorizer runs.</summary>
    public const string PrivilegedGroup = "system:masters";

    /// <summary>Decides whether <paramref name="user"/> (with <paramref name="groups"/>) may make <paramref name="request"/>.</summary>
    public static AuthorizationDecision Authorize(RbacPolicy policy, string user, IReadOnlyList<string> groups, RequestAttributes request)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(request);
        if (groups.Contains(PrivilegedGroup))
        {
            return new AuthorizationDecision(true, $"member of {PrivilegedGroup}");
        }

        var errors = new List<string>();
        foreach (var binding in policy.Bindings.Where(b => b.IsClusterBinding || (request.Namespace.Length > 0 && b.Namespace == request.Namespace)))
        {
            if (!binding.Subjects.Any(s => s.AppliesTo(user, groups, binding.Namespace)))
            {
                continue;
            }

            var rules = RulesOf(policy, binding, errors);
            if (rules?.FirstOrDefault(r => r.Allows(request)) is { } rule)
            {
                var where = binding.IsClusterBinding ? $"ClusterRoleBinding/{binding.Name}" : $"RoleBinding/{binding.Namespace}/{binding.Name}";
                return new AuthorizationDecision(true, $"allowed by {where} of {binding.RoleKind} \"{binding.RoleName}\"", where, rule);
            }
        }

        // Upstream aggregates the lookup errors it met; one error prints alone, several as a bracketed list.
        var reason = errors.Count switch
        {
            0 => string.Empty,
            1 => $"RBAC: {errors[0]}",
            _ => $"RBAC: [{string.Join(", ", errors)}]",
        };
        return new AuthorizationDecision(false, reason);
    }

    private static IReadOnlyList<PolicyRule>? RulesOf(RbacPolicy policy, RbacBinding binding, List<string> errors)
    {
        if (binding.RoleKind == "ClusterRole")
        {
            if (policy.ClusterRoles.TryGetValue(binding.RoleName, out var clusterRules))
            {
                return clusterRules;
            }

            errors.Add($"clusterrole.rbac.authorization.k8s.io \"{binding.RoleName}\" not found");
            return null;
        }

        // A ClusterRoleBinding may only reference a ClusterRole (upstream validation refuses anything else).
        if (binding.RoleKind == "Role" && !binding.IsClusterBinding)
        {
            if (policy.Roles.TryGetValue((binding.Namespace, binding.RoleName), out var rules))
            {
                return rules;
            }

            errors.Add($"role.rbac.authorization.k8s.io \"{binding.RoleName}\" not found");
        }

        return null;
    }
}
