using HyperVIsolation.LocalApiServer.Authorization;

namespace HyperVIsolation.LocalCluster.Tests.ChartRbac;

/// <summary>Which verbs of a chart rule no allowed request of its service account ever needed.</summary>
internal static class UnusedGrants
{
    /// <summary>
    /// The verbs of <paramref name="rule"/> for which some API group and resource of the rule was never used by an
    /// allowed request of the rule's user in <paramref name="records"/>.
    /// </summary>
    public static IReadOnlyList<string> Verbs(ChartRule rule, IReadOnlyList<AuthorizationRecord> records)
    {
        var mine = records.Where(r => r.User == rule.User && r.Decision.Allowed).Select(r => r.Request).ToList();
        if (rule.Rule.ApiGroups is not { Count: > 0 } || rule.Rule.Resources is not { Count: > 0 })
        {
            throw new InvalidOperationException($"{rule}: a resource rule without apiGroups or resources (as read from the rendered chart)");
        }

        var unused = new List<string>();
        foreach (var verb in rule.Rule.Verbs)
        {
            var everyResourceUsed = rule.Rule.ApiGroups.All(group => rule.Rule.Resources.All(resource =>
            {
                var single = PolicyRule.ForResources([group ?? string.Empty], [resource], [verb], [.. rule.Rule.ResourceNames ?? []]);
                return mine.Any(single.Allows);
            }));
            if (!everyResourceUsed)
            {
                unused.Add(verb);
            }
        }

        return unused;
    }
}
