using HyperVIsolation.ControllerRuntime.Selectors;
using HyperVIsolation.Operator.NetworkIsolation;
using HyperVIsolation.Operator.Policies;
using k8s.Models;
using static HyperVIsolation.Operator.Tests.NetworkIsolation.NetworkIsolationInputs;

namespace HyperVIsolation.Operator.Tests.NetworkIsolation;

public sealed class NamespaceSelectorIntersectionTests
{
    public static TheoryData<string, Dictionary<string, string>, bool> Namespaces => new()
    {
        { "both hold", new() { ["role"] = "monitoring", ["zone"] = "eu" }, true },
        { "only the first", new() { ["role"] = "monitoring" }, false },
        { "only the second", new() { ["zone"] = "eu" }, false },
        { "neither", new() { ["role"] = "web" }, false },
    };

    [Theory]
    [MemberData(nameof(Namespaces))]
    public void Of_TwoSelectors_MatchesWhatBothMatch(string because, Dictionary<string, string> labels, bool expected)
    {
        var first = Labels("role", "monitoring");
        var second = new V1LabelSelector { MatchExpressions = [Requirement("zone", "In", "eu", "us")] };

        var intersection = NamespaceSelectorIntersection.Of([first, second]);

        LabelSelectorMatcher.Matches(intersection, labels).Should().Be(expected, because);
        (LabelSelectorMatcher.Matches(first, labels) && LabelSelectorMatcher.Matches(second, labels)).Should().Be(expected);
    }

    [Fact]
    public void Of_ConflictingMatchLabels_MatchesNothingThatHasEither()
    {
        var intersection = NamespaceSelectorIntersection.Of([Labels("role", "a"), Labels("role", "b")]);

        LabelSelectorMatcher.Matches(intersection!, new Dictionary<string, string> { ["role"] = "a" }).Should().BeFalse();
        LabelSelectorMatcher.Matches(intersection!, new Dictionary<string, string> { ["role"] = "b" }).Should().BeFalse();
    }

    [Fact]
    public void Of_AnyNullOrNone_Null()
    {
        NamespaceSelectorIntersection.Of([Labels("role", "a"), null]).Should().BeNull();
        NamespaceSelectorIntersection.Of([]).Should().BeNull();
    }

    [Fact]
    public void Of_DuplicateRequirementsInAnyOrder_OneSortedCopy()
    {
        var first = new V1LabelSelector { MatchExpressions = [Requirement("b", "In", "2", "1"), Requirement("a", "Exists")] };
        var second = new V1LabelSelector { MatchExpressions = [Requirement("a", "Exists"), Requirement("b", "In", "1", "2")] };

        var intersection = NamespaceSelectorIntersection.Of([first, second])!;

        intersection.MatchLabels.Should().BeNull();
        intersection.MatchExpressions.Should().BeEquivalentTo([Requirement("a", "Exists"), Requirement("b", "In", "1", "2")], options => options.WithStrictOrdering());
    }
}
