using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Admission.Rules;
using HyperVIsolation.Operator.Tests.Admission;

namespace HyperVIsolation.Operator.Tests.Admission.Rules;

public sealed class PodIsolationRulesEscapeTests
{
    [Fact]
    public void EscapeTable_HasAtLeastFortyDistinctCases()
    {
        PodEscapeCases.All.Should().HaveCountGreaterThanOrEqualTo(40);
        PodEscapeCases.All.Select(escape => escape.Name).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [MemberData(nameof(PodEscapeCases.Names), MemberType = typeof(PodEscapeCases))]
    public void Evaluate_EscapeAttempt_DeniedWithFieldRuleAndSentence(string name)
    {
        var escape = PodEscapeCases.Named(name);
        var (old, pod) = escape.Pods();

        var violations = PodIsolationRules.Evaluate(AdmissionFixtures.Input(pod, old, escape.SubResource, escape.Policy()));

        var violation = violations.Should().Contain(v => v.Field == escape.Field && v.RuleId == escape.RuleId, $"'{name}' must be denied").Which;
        violation.Mode.Should().Be(PolicyMode.Enforce);
        violation.Message.Should().StartWith($"{escape.Field}: ").And.Contain(escape.Fragment).And.Contain($"IsolationPolicy '{AdmissionFixtures.PolicyName}'");
    }

    [Theory]
    [MemberData(nameof(PodEscapeCases.Names), MemberType = typeof(PodEscapeCases))]
    public void Evaluate_EscapeAttemptUnderAuditPolicy_WarnsOnly(string name)
    {
        var escape = PodEscapeCases.Named(name);
        var (old, pod) = escape.Pods();
        var audit = AdmissionFixtures.Policy(spec =>
        {
            escape.PolicyChange?.Invoke(spec);
            spec.Mode = PolicyMode.Audit;
        });

        var violations = PodIsolationRules.Evaluate(AdmissionFixtures.Input(pod, old, escape.SubResource, audit));

        violations.Should().Contain(v => v.Field == escape.Field && v.RuleId == escape.RuleId);
        violations.Should().OnlyContain(v => v.Mode == PolicyMode.Audit);
    }
}
