using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Validation;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Validation;

public sealed class IngressSelectorRulesTests
{
    public static TheoryData<string, V1LabelSelector, string?> Selectors => new()
    {
        { "matchLabels", new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["role"] = "monitoring" } }, null },
        { "In with values", Selector("role", "In", "a"), null },
        { "Exists", Selector("role", "Exists"), null },
        { "empty", new V1LabelSelector(), "spec.allowIngressFrom: An empty selector matches every namespace; name the namespaces to admit, or leave allowIngressFrom unset." },
        { "In without values", Selector("role", "In"), "spec.allowIngressFrom.matchExpressions[0]: Operator In needs at least one value." },
        { "NotIn without values", Selector("role", "NotIn"), "spec.allowIngressFrom.matchExpressions[0]: Operator NotIn needs at least one value." },
        { "Exists with values", Selector("role", "Exists", "a"), "spec.allowIngressFrom.matchExpressions[0]: Operator Exists takes no values." },
        { "unknown operator", Selector("role", "Gt", "1"), "spec.allowIngressFrom.matchExpressions[0]: Operator 'Gt' is unknown; use In, NotIn, Exists or DoesNotExist." },
        { "no key", Selector(string.Empty, "Exists"), "spec.allowIngressFrom.matchExpressions[0]: The requirement has no key." },
    };

    [Theory]
    [MemberData(nameof(Selectors))]
    public void Validate_AllowIngressFrom_ErrorsLikeTheApiServerOrNone(string because, V1LabelSelector selector, string? expected)
    {
        var errors = IsolationPolicyValidator.Validate(new IsolationPolicySpec { AllowIngressFrom = selector });

        errors.Select(error => $"{error.Field}: {error.Message}").Should().Equal(expected is null ? [] : [expected], because);
    }

    [Fact]
    public void Validate_UnsetAllowIngressFrom_NoErrors()
    {
        IsolationPolicyValidator.Validate(new IsolationPolicySpec { DenyCrossNamespaceTraffic = true }).Should().BeEmpty();
    }

    private static V1LabelSelector Selector(string key, string op, params string[] values) =>
        new() { MatchExpressions = [new V1LabelSelectorRequirement { Key = key, OperatorProperty = op, Values = values.Length == 0 ? null : [.. values] }] };
}
