using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Reconciliation;
using static HyperVIsolation.Operator.Tests.Reconciliation.ReconciliationInputs;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

public sealed class RolloutPlannerRollingUpdateTests
{
    private const string Current = "current";
    private const string Old = "old";

    [Theory]
    [InlineData(3, "1", "0", 1)]
    [InlineData(3, "0", "1", 1)]
    [InlineData(3, "1", "1", 1)]
    [InlineData(4, "25%", "25%", 1)]
    [InlineData(10, "25%", "25%", 2)]
    [InlineData(10, "25%", "25%", 100)]
    [InlineData(10, "0%", "0%", 1)]
    [InlineData(5, "100%", "0", 5)]
    [InlineData(5, "0", "100%", 5)]
    [InlineData(1, "0", "0", 1)]
    [InlineData(1, "1", "0", 1)]
    [InlineData(7, "3", "2", 3)]
    public void Plan_RoundsOfRollingUpdate_StayWithinSurgeAndUnavailableAndFinish(
        int replicas, string surge, string unavailable, int readyPerRound)
    {
        var strategy = Rolling(surge, unavailable);
        var bounds = RolloutBounds.Resolve(strategy.RollingUpdate, replicas);
        var simulation = new RolloutSimulation(replicas, strategy, Current);
        simulation.Seed(replicas, Old);

        var finished = simulation.Run(readyPerRound);

        finished.Should().BeTrue($"the rollout settles (after {simulation.Rounds} rounds)");
        simulation.MaxActive.Should().BeLessThanOrEqualTo(replicas + bounds.MaxSurge);
        simulation.MinReady.Should().BeGreaterThanOrEqualTo(replicas - bounds.MaxUnavailable);
        simulation.Pods.Should().OnlyContain(pod => pod.TemplateHash == Current && pod.Ready);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(5, 2)]
    public void Plan_RoundsOfRecreate_OldAndNewNeverRunTogether(int replicas, int readyPerRound)
    {
        var simulation = new RolloutSimulation(replicas, new UpdateStrategy { Type = UpdateStrategyType.Recreate }, Current);
        simulation.Seed(replicas, Old);

        simulation.Run(readyPerRound).Should().BeTrue();

        simulation.OldAndNewRanTogether.Should().BeFalse();
    }

    [Fact]
    public void Plan_SurgeOneUnavailableZero_StepByStep()
    {
        var strategy = Rolling("1", "0");
        PodSummary[] start = [Pod("o1", Old, ageMinutes: 30), Pod("o2", Old, ageMinutes: 20), Pod("o3", Old, ageMinutes: 10)];

        var first = RolloutPlanner.Plan(3, strategy, Current, start);
        var whileNewNotReady = RolloutPlanner.Plan(3, strategy, Current, [.. start, Pod("n1", Current, ready: false)]);
        var onceNewReady = RolloutPlanner.Plan(3, strategy, Current, [.. start, Pod("n1", Current)]);

        first.Should().BeEquivalentTo(new RolloutPlan(1, []));
        whileNewNotReady.Should().BeEquivalentTo(new RolloutPlan(0, []));
        onceNewReady.Should().BeEquivalentTo(new RolloutPlan(0, [new PodDeletion("o3", PodDeletionReason.StaleTemplate)]));
    }

    [Fact]
    public void Plan_SurgeZeroUnavailableOne_DeletesBeforeCreating()
    {
        var strategy = Rolling("0", "1");
        PodSummary[] start = [Pod("o1", Old), Pod("o2", Old), Pod("o3", Old)];

        var first = RolloutPlanner.Plan(3, strategy, Current, start);
        var afterDeletion = RolloutPlanner.Plan(3, strategy, Current, [.. start.Take(2), Pod("o3", Old, deleting: true)]);

        first.Should().BeEquivalentTo(new RolloutPlan(0, [new PodDeletion("o1", PodDeletionReason.StaleTemplate)]));
        afterDeletion.Should().BeEquivalentTo(new RolloutPlan(1, []));
    }

    [Fact]
    public void Plan_StaleNotReadyPods_RemovedWithoutWaitingForAvailability()
    {
        var strategy = Rolling("0", "1");
        PodSummary[] pods = [Pod("o1", Old), Pod("o2", Old), Pod("broken", Old, ready: false), Pod("n1", Current, ready: false)];

        var plan = RolloutPlanner.Plan(3, strategy, Current, pods);

        plan.Deletions.Should().Equal(new PodDeletion("broken", PodDeletionReason.StaleTemplate));
    }

    [Fact]
    public void Plan_ScaleDownMidRollout_DeletesExtraCurrentPodsFirst()
    {
        var strategy = Rolling("1", "1");
        PodSummary[] pods = [Pod("o1", Old), Pod("n1", Current), Pod("n2", Current, ready: false), Pod("n3", Current)];

        var plan = RolloutPlanner.Plan(2, strategy, Current, pods);

        plan.PodsToCreate.Should().Be(0);
        plan.Deletions.Should().Equal(new PodDeletion("n2", PodDeletionReason.ScaleDown), new PodDeletion("o1", PodDeletionReason.StaleTemplate));
    }
}
