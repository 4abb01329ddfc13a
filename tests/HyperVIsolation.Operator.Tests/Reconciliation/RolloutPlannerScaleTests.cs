using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Reconciliation;
using static HyperVIsolation.Operator.Tests.Reconciliation.ReconciliationInputs;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

public sealed class RolloutPlannerScaleTests
{
    private const string Current = "current";
    private const string Old = "old";

    [Theory]
    [InlineData(3, 0, 3)]
    [InlineData(3, 1, 2)]
    [InlineData(3, 3, 0)]
    [InlineData(0, 0, 0)]
    public void Plan_FewerCurrentPods_CreatesTheDifference(int replicas, int existing, int expectedCreations)
    {
        var pods = Enumerable.Range(0, existing).Select(index => Pod($"p{index}", Current)).ToList();

        var plan = RolloutPlanner.Plan(replicas, null, Current, pods);

        plan.Should().BeEquivalentTo(new RolloutPlan(expectedCreations, []));
    }

    [Fact]
    public void Plan_ScaleDown_DeletesNotReadyThenPendingThenNewestFirst()
    {
        PodSummary[] pods =
        [
            Pod("old-ready", Current, ageMinutes: 60),
            Pod("new-ready", Current, ageMinutes: 1),
            Pod("unknown", Current, phase: PodPhase.Unknown, ready: false, ageMinutes: 30),
            Pod("pending", Current, ready: false, ageMinutes: 50),
            Pod("mid-ready", Current, ageMinutes: 20),
        ];

        var plan = RolloutPlanner.Plan(1, null, Current, pods);

        plan.PodsToCreate.Should().Be(0);
        plan.Deletions.Should().Equal(
            new PodDeletion("pending", PodDeletionReason.ScaleDown),
            new PodDeletion("unknown", PodDeletionReason.ScaleDown),
            new PodDeletion("new-ready", PodDeletionReason.ScaleDown),
            new PodDeletion("mid-ready", PodDeletionReason.ScaleDown));
    }

    [Fact]
    public void Plan_ScaleToZero_DeletesEverything()
    {
        var plan = RolloutPlanner.Plan(0, null, Current, [Pod("a", Current), Pod("b", Current, ready: false)]);

        plan.Deletions.Select(deletion => deletion.Name).Should().Equal("b", "a");
    }

    [Theory]
    [InlineData(PodPhase.Failed)]
    [InlineData(PodPhase.Succeeded)]
    public void Plan_EndedPod_DeletedAndReplacedInTheSameRound(PodPhase phase)
    {
        var plan = RolloutPlanner.Plan(2, null, Current, [Pod("ok", Current), Pod("ended", Current, ready: false, phase: phase)]);

        plan.Should().BeEquivalentTo(new RolloutPlan(1, [new PodDeletion("ended", PodDeletionReason.Failed)]));
    }

    [Fact]
    public void Plan_TerminatingPods_CountedAsGoneAndNotDeletedAgain()
    {
        PodSummary[] pods = [Pod("a", Current), Pod("leaving", Current, deleting: true), Pod("failed-leaving", Current, ready: false, phase: PodPhase.Failed, deleting: true)];

        var plan = RolloutPlanner.Plan(2, null, Current, pods);

        plan.Should().BeEquivalentTo(new RolloutPlan(1, []));
    }

    [Fact]
    public void Plan_SteadyState_IsEmpty()
    {
        var plan = RolloutPlanner.Plan(2, Rolling("1", "0"), Current, [Pod("a", Current), Pod("b", Current)]);

        plan.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Plan_RecreateWithStalePods_DeletesAllStaleAndCreatesNothing()
    {
        var recreate = new UpdateStrategy { Type = UpdateStrategyType.Recreate };
        PodSummary[] pods = [Pod("o1", Old), Pod("o2", Old, ready: false), Pod("c1", Current)];

        var plan = RolloutPlanner.Plan(3, recreate, Current, pods);

        plan.PodsToCreate.Should().Be(0);
        plan.Deletions.Should().Equal(new PodDeletion("o2", PodDeletionReason.StaleTemplate), new PodDeletion("o1", PodDeletionReason.StaleTemplate));
    }

    [Fact]
    public void Plan_RecreateWhileStalePodsTerminate_WaitsBeforeCreating()
    {
        var recreate = new UpdateStrategy { Type = UpdateStrategyType.Recreate };

        var waiting = RolloutPlanner.Plan(3, recreate, Current, [Pod("o1", Old, deleting: true)]);
        var afterwards = RolloutPlanner.Plan(3, recreate, Current, [Pod("o1-failed", Old, ready: false, phase: PodPhase.Failed, deleting: true)]);

        waiting.Should().BeEquivalentTo(new RolloutPlan(0, []));
        afterwards.Should().BeEquivalentTo(new RolloutPlan(3, []));
    }

    [Fact]
    public void Plan_PodWithoutHashLabel_IsStale()
    {
        var plan = RolloutPlanner.Plan(1, Rolling("0", "1"), Current, [Pod("unlabelled", hash: null)]);

        plan.Deletions.Should().Equal(new PodDeletion("unlabelled", PodDeletionReason.StaleTemplate));
    }

    [Theory]
    [InlineData(null, null, 10, 3, 2)]
    [InlineData("25%", "25%", 10, 3, 2)]
    [InlineData("1", "0", 10, 1, 0)]
    [InlineData("0", "0", 10, 0, 1)]
    [InlineData("0%", "0%", 3, 0, 1)]
    [InlineData("0", "10%", 3, 0, 1)]
    [InlineData("50%", "50%", 3, 2, 1)]
    [InlineData("100%", "100%", 4, 4, 4)]
    [InlineData("200%", "7", 4, 8, 4)]
    [InlineData("2", "1", 0, 2, 0)]
    public void Bounds_Resolve_DeploymentRounding(string? surge, string? unavailable, int replicas, int expectedSurge, int expectedUnavailable)
    {
        var bounds = RolloutBounds.Resolve(Rolling(surge, unavailable).RollingUpdate, replicas);

        bounds.Should().Be(new RolloutBounds(expectedSurge, expectedUnavailable));
    }
}
