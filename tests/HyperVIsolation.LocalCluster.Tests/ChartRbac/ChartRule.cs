using k8s.Models;

namespace HyperVIsolation.LocalCluster.Tests.ChartRbac;

/// <summary>One rule the chart grants a service account, and the verbs its comment says the test never uses.</summary>
/// <param name="Role">The role, as <c>Kind/name</c>.</param>
/// <param name="User">The service account user the role is bound to.</param>
/// <param name="Rule">The rule.</param>
/// <param name="ExplainedUnusedVerbs">The verbs its <see cref="ChartRbacDocuments.UnusedMarker"/> comment lists.</param>
internal sealed record ChartRule(string Role, string User, V1PolicyRule Rule, IReadOnlyList<string> ExplainedUnusedVerbs)
{
    /// <summary>How the rule reads in a failure message.</summary>
    public override string ToString() =>
        $"{Role} rule apiGroups=[{string.Join(", ", Rule.ApiGroups ?? [])}] resources=[{string.Join(", ", Rule.Resources ?? [])}]"
        + (Rule.ResourceNames is { Count: > 0 } names ? $" resourceNames=[{string.Join(", ", names)}]" : string.Empty);
}
