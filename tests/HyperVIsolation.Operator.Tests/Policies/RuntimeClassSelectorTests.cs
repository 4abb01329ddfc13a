using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Reconciliation;
using static HyperVIsolation.Operator.Tests.Reconciliation.ReconciliationInputs;

namespace HyperVIsolation.Operator.Tests.Policies;

public sealed class RuntimeClassSelectorTests
{
    [Theory]
    [InlineData(new[] { Ws2019, Ws2022, Ws2025 }, null, "hyperv-ltsc2019")]
    [InlineData(new[] { Ws2022, Ws2025 }, null, "hyperv-ltsc2022")]
    [InlineData(new[] { Ws23H2, Ws2025 }, null, "hyperv-25398")]
    [InlineData(new[] { Ws2019, Ws2022, Ws2025 }, "hyperv-ltsc2025", "hyperv-ltsc2025")]
    [InlineData(new[] { Ws2019, Ws2022 }, "hyperv-ltsc2025", "hyperv-ltsc2019")]
    [InlineData(new[] { Ws2019, Ws2022 }, "someone-elses-class", "hyperv-ltsc2019")]
    public void Choose_Ltsc2019Image_OldestCompatibleUnlessAClassInUseStillFits(int[] builds, string? inUse, string expected)
    {
        var decision = PlanFor(Workload(os: new OsSelection { Version = WindowsVersion.Ltsc2019 }), Nodes(builds)).Os;

        var choice = RuntimeClassSelector.Choose(decision, inUse is null ? null : [inUse]);

        choice.Name.Should().Be(expected);
        RuntimeClassNames.TryParse(expected, out var build).Should().BeTrue();
        choice.HostBuild.Should().Be(build);
    }

    [Fact]
    public void Choose_SeveralClassesInUseMidRollout_KeepsTheOldestStillCompatible()
    {
        var decision = PlanFor(Workload(os: new OsSelection { Version = WindowsVersion.Ltsc2019 }), Nodes(Ws2019, Ws2022, Ws2025)).Os;

        RuntimeClassSelector.Choose(decision, ["hyperv-ltsc2025", "hyperv-ltsc2022"]).Name.Should().Be("hyperv-ltsc2022");
    }

    [Fact]
    public void Plan_NodeOfImageBuildJoinsLater_KeepsClassInUseSoPodsDoNotRoll()
    {
        var workload = Workload(os: new OsSelection { Version = WindowsVersion.Ltsc2019 });
        var before = WorkloadPlanner.Plan(workload, Nodes(Ws2022), [], null, Options).Plan!;

        var after = WorkloadPlanner.Plan(workload, Nodes(Ws2019, Ws2022), [], [before.RuntimeClass!.Name], Options).Plan!;

        after.RuntimeClass.Should().Be(before.RuntimeClass);
        after.Os.CompatibleNodeBuilds.Should().HaveCount(2);
        after.TemplateHash.Should().NotBe(before.TemplateHash, "the affinity widened to the new build");
    }

    [Theory]
    [InlineData(Ws2019, "hyperv-ltsc2019")]
    [InlineData(Ws2022, "hyperv-ltsc2022")]
    [InlineData(Ws2025, "hyperv-ltsc2025")]
    [InlineData(Ws23H2, "hyperv-25398")]
    public void Names_ForAndTryParse_RoundTrip(int build, string name)
    {
        RuntimeClassNames.For(new WindowsBuild(build)).Should().Be(name);
        RuntimeClassNames.TryParse(name, out var parsed).Should().BeTrue();
        parsed.Should().Be(new WindowsBuild(build));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("hyperv-")]
    [InlineData("hyperv-ltsc2016")]
    [InlineData("hyperv-10.0.20348")]
    [InlineData("hyperv-020348")]
    [InlineData("kata-vm-isolation")]
    public void Names_TryParseForeignName_False(string? name) =>
        RuntimeClassNames.TryParse(name, out _).Should().BeFalse();

    [Fact]
    public void Choose_ProcessDecisionWithoutBuilds_Throws()
    {
        var decision = PlanFor(Workload()).Os with { CompatibleNodeBuilds = [] };

        var act = () => RuntimeClassSelector.Choose(decision, null);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Plan_ProcessIsolation_NoRuntimeClass()
    {
        var plan = PlanFor(Workload(isolation: IsolationMode.Process), policies: Policy(allowProcessIsolation: true));

        plan.RuntimeClass.Should().BeNull();
        plan.Vm.Should().BeNull();
        plan.DisableUnsafeOperations.Should().BeFalse();
    }
}
