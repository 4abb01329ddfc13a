using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Tests.Admission;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Policies;

public sealed class PolicyScopeTests
{
    public static TheoryData<string, V1LabelSelector?, bool> Selectors => new()
    {
        { "null selector covers all", null, true },
        { "empty selector covers all", new V1LabelSelector(), true },
        { "matchLabels equal", new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["tier"] = "untrusted" } }, true },
        { "matchLabels differ", new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["tier"] = "trusted" } }, false },
        { "matchLabels missing key", new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["other"] = "x" } }, false },
        { "In matches", Expression("tier", "In", "untrusted", "shared"), true },
        { "In misses", Expression("tier", "In", "trusted"), false },
        { "In on missing key", Expression("other", "In", "x"), false },
        { "NotIn excludes", Expression("tier", "NotIn", "untrusted"), false },
        { "NotIn passes other value", Expression("tier", "NotIn", "trusted"), true },
        { "NotIn passes missing key", Expression("other", "NotIn", "x"), true },
        { "Exists", Expression("tier", "Exists"), true },
        { "Exists missing", Expression("other", "Exists"), false },
        { "DoesNotExist", Expression("other", "DoesNotExist"), true },
        { "DoesNotExist present", Expression("tier", "DoesNotExist"), false },
        { "unknown operator matches nothing", Expression("tier", "Gt", "1"), false },
    };

    [Theory]
    [MemberData(nameof(Selectors))]
    public void Covering_Selector_MatchesLikeKubernetes(string name, V1LabelSelector? selector, bool covers)
    {
        var policy = new IsolationPolicy { Metadata = new V1ObjectMeta { Name = name }, Spec = new IsolationPolicySpec { NamespaceSelector = selector } };

        var covering = PolicyScope.Covering([policy], new Dictionary<string, string> { ["tier"] = "untrusted" });

        covering.Should().HaveCount(covers ? 1 : 0);
    }

    [Fact]
    public void ModeOf_AnyEnforce_Enforce()
    {
        var audit = AdmissionFixtures.Policy(spec => spec.Mode = PolicyMode.Audit, "a");
        var enforce = AdmissionFixtures.Policy(name: "b");

        PolicyScope.ModeOf([audit, enforce]).Should().Be(PolicyMode.Enforce);
        PolicyScope.ModeOf([audit]).Should().Be(PolicyMode.Audit);
        PolicyScope.ModeOf([]).Should().BeNull();
    }

    [Fact]
    public void Covering_SortsByName() =>
        PolicyScope.Covering([AdmissionFixtures.Policy(name: "zeta"), AdmissionFixtures.Policy(name: "alpha")], AdmissionFixtures.TenantLabels())
            .Select(policy => policy.Metadata.Name).Should().Equal("alpha", "zeta");

    private static V1LabelSelector Expression(string key, string op, params string[] values) =>
        new() { MatchExpressions = [new V1LabelSelectorRequirement { Key = key, OperatorProperty = op, Values = values }] };
}
