using System.Text.Json.Nodes;
using HyperVIsolation.Api.V1Alpha1;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.NetworkIsolation;

/// <summary>Whether two IsolationPolicy statuses say the same thing, so an unchanged status is never written again.</summary>
internal static class PolicyStatusComparer
{
    /// <summary>Whether <paramref name="left"/> and <paramref name="right"/> are equivalent (as stored JSON, conditions by type).</summary>
    public static bool AreEquivalent(IsolationPolicyStatus? left, IsolationPolicyStatus? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        return JsonNode.DeepEquals(Normalised(left), Normalised(right));
    }

    // Conditions sorted by type and times in UTC: the order and time zone the API server returns are not meaning.
    private static JsonNode? Normalised(IsolationPolicyStatus status)
    {
        var copy = new IsolationPolicyStatus
        {
            ObservedGeneration = status.ObservedGeneration,
            CoveredNamespaces = status.CoveredNamespaces,
            CoveredNamespaceNames = status.CoveredNamespaceNames is { Count: > 0 } names ? names : null,
            AuditViolations = status.AuditViolations,
            RecentViolations = status.RecentViolations is { Count: > 0 } violations ? violations : null,
            Conditions = status.Conditions?
                .Where(condition => condition is not null)
                .OrderBy(condition => condition.Type, StringComparer.Ordinal)
                .Select(condition => new V1Condition
                {
                    Type = condition.Type,
                    Status = condition.Status,
                    Reason = condition.Reason,
                    Message = condition.Message,
                    ObservedGeneration = condition.ObservedGeneration,
                    LastTransitionTime = Utc(condition.LastTransitionTime),
                })
                .ToList(),
        };
        return JsonNode.Parse(KubernetesJson.Serialize(copy));
    }

    private static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime();
}
