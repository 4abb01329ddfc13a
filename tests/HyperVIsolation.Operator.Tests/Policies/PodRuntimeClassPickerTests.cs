using HyperVIsolation.Api;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Policies;
using k8s.Models;
using Choice = HyperVIsolation.Operator.Policies.PodRuntimeClassPicker;

namespace HyperVIsolation.Operator.Tests.Policies;

public sealed class PodRuntimeClassPickerTests
{
    // Listed out of name order, with two classes per build, so ties show which one wins.
    private static readonly IsolationRuntimeClass[] Classes =
    [
        new("hv-b-2022", true, WindowsBuild.Ltsc2022),
        new("hv-a-2022", true, WindowsBuild.Ltsc2022),
        new("hv-2025", true, WindowsBuild.Ltsc2025),
        new("process-2025", false, WindowsBuild.Ltsc2025),
        new("process-any", false, null),
        new("hv-unpinned-b", true, null),
        new("hv-unpinned-a", true, null),
    ];

    public static TheoryData<string, string?, int[], string?> Scenarios => new()
    {
        { "newest ready build, tie to the first name", null, [20348], "hv-a-2022" },
        { "newest of several ready builds", null, [20348, 26100], "hv-2025" },
        { "no ready build: the unpinned class whose name sorts first", null, [], "hv-unpinned-a" },
        { "ready build without a Hyper-V class: unpinned", null, [17763], "hv-unpinned-a" },
        { "selector names a build with classes", "10.0.20348", [26100], "hv-a-2022" },
        { "selector names a build without a Hyper-V class", "10.0.17763", [26100], "hv-unpinned-a" },
        { "selector that is not a build", "not-a-build", [26100], "hv-unpinned-a" },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void For_Scenario_PicksTheDocumentedClass(string scenario, string? buildSelector, int[] readyBuilds, string? expected)
    {
        var pod = new V1Pod { Spec = new V1PodSpec { NodeSelector = buildSelector is null ? null : new Dictionary<string, string> { [WellKnownLabels.WindowsBuild] = buildSelector } } };

        var chosen = Choice.For(pod.Spec?.NodeSelector, Classes, [.. readyBuilds.Select(number => new WindowsBuild(number))]);

        chosen.Should().Be(expected, scenario);
    }

    [Fact]
    public void For_NoUnpinnedClassAndNoReadyBuild_NewestPinnedClass()
    {
        var pinnedOnly = Classes.Where(runtimeClass => runtimeClass.Build is not null).ToList();

        Choice.For(null, pinnedOnly, []).Should().Be("hv-2025");
    }

    [Fact]
    public void For_NoHyperVClass_Null()
    {
        var processOnly = Classes.Where(runtimeClass => !runtimeClass.IsHyperV).ToList();

        Choice.For(null, processOnly, [WindowsBuild.Ltsc2025]).Should().BeNull();
    }
}
