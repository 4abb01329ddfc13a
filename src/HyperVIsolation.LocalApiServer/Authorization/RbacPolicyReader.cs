using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.Authorization;

/// <summary>
/// Reads the stored Roles, ClusterRoles and bindings into an <see cref="RbacPolicy"/>, again only when one of
/// them changed (the store's versions of those four resources), so each request does not re-read them.
/// </summary>
public sealed class RbacPolicyReader(ObjectStore store)
{
    private const string Group = "rbac.authorization.k8s.io";
    private readonly object gate = new();
    private (long Version, int Count) seen = (-1, -1);
    private RbacPolicy current = RbacPolicy.Empty;

    /// <summary>The policy as stored now.</summary>
    public RbacPolicy Read()
    {
        var clusterRoles = store.ReadAll($"clusterroles.{Group}");
        var roles = store.ReadAll($"roles.{Group}");
        var roleBindings = store.ReadAll($"rolebindings.{Group}");
        var clusterRoleBindings = store.ReadAll($"clusterrolebindings.{Group}");
        IReadOnlyList<StoredObject>[] all = [clusterRoles, roles, roleBindings, clusterRoleBindings];

        // Deletions lower the count; creations and updates raise the highest version.
        var version = (all.SelectMany(list => list).Select(o => o.ResourceVersion).DefaultIfEmpty(0).Max(), all.Sum(list => list.Count));
        lock (gate)
        {
            if (version == seen)
            {
                return current;
            }

            current = new RbacPolicy(
                clusterRoles.ToDictionary(o => o.Name, o => Rules(o.Object)),
                roles.ToDictionary(o => (o.Namespace, o.Name), o => Rules(o.Object)),
                [.. roleBindings.Concat(clusterRoleBindings).Select(o => Binding(o))]);
            seen = version;
            return current;
        }
    }

    private static IReadOnlyList<PolicyRule> Rules(JsonObject role) =>
        role["rules"] is JsonArray rules
            ? [.. rules.OfType<JsonObject>().Select(r => new PolicyRule(Strings(r["verbs"]), Strings(r["apiGroups"]), Strings(r["resources"]), Strings(r["resourceNames"]), Strings(r["nonResourceURLs"])))]
            : [];

    private static RbacBinding Binding(StoredObject binding)
    {
        var roleRef = binding.Object["roleRef"] as JsonObject;
        var subjects = binding.Object["subjects"] is JsonArray list
            ? list.OfType<JsonObject>().Select(s => new RbacSubject(Text(s["kind"]), Text(s["name"]), Text(s["namespace"]))).ToList()
            : [];
        return new RbacBinding(binding.Name, binding.Namespace, Text(roleRef?["kind"]), Text(roleRef?["name"]), subjects);
    }

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(Text)] : [];

    private static string Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : string.Empty;
}
