using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalCluster.Tests.ChartRbac;

/// <summary>
/// Reads the rendered chart's Roles, ClusterRoles and bindings: every rule granted to a service account, with the
/// comment above it (Helm keeps template comments in what it renders).
/// </summary>
internal static partial class ChartRbacDocuments
{
    /// <summary>
    /// How a rule's comment names the verbs it grants that the chart RBAC test never uses, for example
    /// <c># Not used in the chart RBAC test: patch (why it is still needed).</c>
    /// </summary>
    public const string UnusedMarker = "Not used in the chart RBAC test:";

    /// <summary>Every rule of a role bound to a service account, by the user it is granted to.</summary>
    public static IReadOnlyList<ChartRule> Read(string rendered)
    {
        var documents = rendered.Split(["\n---\n", "\n---\r\n"], StringSplitOptions.RemoveEmptyEntries);
        var roles = new Dictionary<string, (IList<V1PolicyRule> Rules, string Text)>(StringComparer.Ordinal);
        var bindings = new List<(string Namespace, V1RoleRef RoleRef, IList<Rbacv1Subject> Subjects)>();
        foreach (var document in documents)
        {
            switch (KindOf().Match(document).Groups[1].Value)
            {
                case "ClusterRole":
                    var clusterRole = KubernetesYaml.Deserialize<V1ClusterRole>(document);
                    roles[$"ClusterRole/{clusterRole.Metadata.Name}"] = (clusterRole.Rules ?? [], document);
                    break;
                case "Role":
                    var role = KubernetesYaml.Deserialize<V1Role>(document);
                    roles[$"Role/{role.Metadata.Name}"] = (role.Rules ?? [], document);
                    break;
                case "ClusterRoleBinding":
                    var clusterBinding = KubernetesYaml.Deserialize<V1ClusterRoleBinding>(document);
                    bindings.Add((string.Empty, clusterBinding.RoleRef, clusterBinding.Subjects ?? []));
                    break;
                case "RoleBinding":
                    var binding = KubernetesYaml.Deserialize<V1RoleBinding>(document);
                    bindings.Add((binding.Metadata.NamespaceProperty, binding.RoleRef, binding.Subjects ?? []));
                    break;
            }
        }

        var granted = new List<ChartRule>();
        foreach (var (ns, roleRef, subjects) in bindings)
        {
            var key = $"{roleRef.Kind}/{roleRef.Name}";
            if (!roles.TryGetValue(key, out var role))
            {
                throw new InvalidOperationException($"the chart binds {key}, which it does not render");
            }

            var comments = RuleComments(role.Text);
            foreach (var subject in subjects.Where(s => s.Kind == "ServiceAccount"))
            {
                var user = $"system:serviceaccount:{(string.IsNullOrEmpty(subject.NamespaceProperty) ? ns : subject.NamespaceProperty)}:{subject.Name}";
                granted.AddRange(role.Rules.Select((rule, i) => new ChartRule(key, user, rule, ExplainedVerbs(comments.ElementAtOrDefault(i) ?? string.Empty))));
            }
        }

        return granted;
    }

    // The comment lines directly above each `- apiGroups:` line, in rule order.
    private static List<string> RuleComments(string document)
    {
        var lines = document.Split('\n');
        var comments = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!RuleStart().IsMatch(lines[i]))
            {
                continue;
            }

            var above = new List<string>();
            for (var j = i - 1; j >= 0 && lines[j].TrimStart().StartsWith('#'); j--)
            {
                above.Insert(0, lines[j].TrimStart().TrimStart('#').Trim());
            }

            comments.Add(string.Join(' ', above));
        }

        return comments;
    }

    private static List<string> ExplainedVerbs(string comment)
    {
        var at = comment.IndexOf(UnusedMarker, StringComparison.Ordinal);
        if (at < 0)
        {
            return [];
        }

        var list = comment[(at + UnusedMarker.Length)..];
        var end = list.IndexOfAny(['(', '.']);
        return [.. (end < 0 ? list : list[..end]).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    [GeneratedRegex(@"(?m)^kind:\s*(\S+)\s*$")]
    private static partial Regex KindOf();

    [GeneratedRegex(@"^\s*-\s+apiGroups:")]
    private static partial Regex RuleStart();
}
