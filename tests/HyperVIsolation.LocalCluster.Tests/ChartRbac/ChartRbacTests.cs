namespace HyperVIsolation.LocalCluster.Tests.ChartRbac;

/// <summary>
/// The chart's RBAC, proven on a local API server that enforces it: sufficient (the operator and the node agents,
/// running under the chart's service accounts, carry out a whole workload lifecycle without one Forbidden) and
/// minimal (every verb the chart grants them was used in that run, or the chart says why it keeps it).
/// </summary>
public sealed class ChartRbacTests(ChartRbacCluster cluster) : IClassFixture<ChartRbacCluster>
{
    [Fact]
    public async Task Lifecycle_ChartServiceAccounts_AreNeverForbidden()
    {
        var transcript = await cluster.LifecycleAsync();

        var records = cluster.Server.Authorizations.Records;
        var denials = records.Where(r => !r.Decision.Allowed)
            .Select(r => $"{r.User} {r.Request.Verb} {r.Request.CombinedResource} ({r.Request.ApiGroup}) in '{r.Request.Namespace}' name '{r.Request.Name}' {r.Request.Path}")
            .Distinct().ToList();
        denials.Should().BeEmpty($"the chart's RBAC must allow everything its components do\n{transcript}");

        // Proof that the components ran under the chart's identities, not as administrator.
        records.Should().Contain(r => r.User == ChartRbacCluster.OperatorUser && r.Request.Verb == "create" && r.Request.Resource == "pods");
        records.Should().Contain(r => r.User == ChartRbacCluster.NodeAgentUser && r.Request.Verb == "patch" && r.Request.CombinedResource == "pods/status");
        cluster.InstallOutput.Should().Contain("STATUS: deployed");
    }

    [Fact]
    public async Task ChartGrants_UnusedInTheLifecycle_AreDroppedOrExplainedInTheChart()
    {
        await cluster.LifecycleAsync();
        var (exitCode, rendered) = await cluster.HelmAsync(
            ["template", ChartRbacCluster.Release, "charts/hyperv-isolation", "--namespace", ChartRbacCluster.ReleaseNamespace, .. ChartRbacCluster.Values]);
        exitCode.Should().Be(0, rendered);

        var rules = ChartRbacDocuments.Read(rendered).Where(r => r.User is var u && (u == ChartRbacCluster.OperatorUser || u == ChartRbacCluster.NodeAgentUser)).ToList();
        var records = cluster.Server.Authorizations.Records;
        // A verb listed in a comment may still be used in some runs (a repeated Event, say), so the comment must
        // cover what went unused, and may name only verbs the rule grants (a stale comment fails too).
        var mismatches = rules
            .Select(rule => (Rule: rule, Unused: UnusedGrants.Verbs(rule, records)))
            .Where(x => x.Unused.Except(x.Rule.ExplainedUnusedVerbs).Any() || x.Rule.ExplainedUnusedVerbs.Except(x.Rule.Rule.Verbs).Any())
            .Select(x => $"{x.Rule}: unused in the run [{string.Join(", ", x.Unused)}], the chart's comment explains [{string.Join(", ", x.Rule.ExplainedUnusedVerbs)}]")
            .ToList();

        rules.Should().NotBeEmpty();
        string.Join("\n", mismatches).Should().BeEmpty(
            $"every granted verb is used, or dropped, or listed in a \"# {ChartRbacDocuments.UnusedMarker} <verbs> (why)\" comment above its rule");
    }
}
