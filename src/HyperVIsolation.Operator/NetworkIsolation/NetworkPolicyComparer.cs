using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.NetworkIsolation;

/// <summary>
/// Whether a stored NetworkPolicy already is what the planner rendered: the same spec (as JSON, so key order
/// does not count), our label, and the same owners. Labels and annotations others add are left alone.
/// </summary>
internal static class NetworkPolicyComparer
{
    /// <summary>Whether <paramref name="existing"/> needs no update to match <paramref name="desired"/>.</summary>
    public static bool IsEquivalent(V1NetworkPolicy desired, V1NetworkPolicy existing)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(existing);
        return NetworkPolicyOwnership.IsOurs(existing)
            && SameOwners(desired.Metadata.OwnerReferences, existing.Metadata.OwnerReferences)
            && JsonNode.DeepEquals(JsonNode.Parse(KubernetesJson.Serialize(desired.Spec)), JsonNode.Parse(KubernetesJson.Serialize(existing.Spec)));
    }

    private static bool SameOwners(IList<V1OwnerReference>? desired, IList<V1OwnerReference>? existing) =>
        Identities(desired).SequenceEqual(Identities(existing), StringComparer.Ordinal);

    private static IEnumerable<string> Identities(IList<V1OwnerReference>? owners) =>
        (owners ?? []).Select(owner => $"{owner.ApiVersion}/{owner.Kind}/{owner.Name}/{owner.Uid}/{owner.Controller}/{owner.BlockOwnerDeletion}").Order(StringComparer.Ordinal);
}
