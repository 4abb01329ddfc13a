using HyperVIsolation.Soak.Plan;

namespace HyperVIsolation.Soak.Tests.Plan;

public sealed class RoundPlannerTests
{
    private static readonly SoakSettings Settings = new() { Seed = 5, RoundLength = TimeSpan.FromSeconds(30) };

    [Fact]
    public void Plan_SameSeedAndRound_SameSteps()
    {
        var first = RoundPlanner.Plan(Settings, 3, RoundPlanner.Initial(Settings));
        var again = RoundPlanner.Plan(Settings, 3, RoundPlanner.Initial(Settings));

        again.Steps.Should().Equal(first.Steps);
        again.End.Should().Equal(first.End);
    }

    [Fact]
    public void Plan_OtherSeed_OtherSteps()
    {
        var first = RoundPlanner.Plan(Settings, 1, RoundPlanner.Initial(Settings));
        var other = RoundPlanner.Plan(Settings with { Seed = 6 }, 1, RoundPlanner.Initial(Settings));

        other.Steps.Should().NotEqual(first.Steps);
    }

    [Fact]
    public void Plan_ManyRounds_EveryFaultKindAndOperationOccurs()
    {
        var steps = Rounds(20).SelectMany(plan => plan.Steps).ToList();

        steps.OfType<ScheduledFault>().Select(fault => fault.Kind).Distinct().Should().BeEquivalentTo(Enum.GetValues<FaultKind>());
        steps.OfType<WorkloadOperation>().Select(operation => operation.Kind).Distinct().Should().BeEquivalentTo(Enum.GetValues<OperationKind>());
    }

    [Fact]
    public void Plan_ManyRounds_StepsInOrderWithinTheRound()
    {
        foreach (var plan in Rounds(20))
        {
            plan.Steps.Select(step => step.At).Should().BeInAscendingOrder().And.OnlyContain(at => at > TimeSpan.Zero && at < Settings.RoundLength);
        }
    }

    [Fact]
    public void Plan_ManyRounds_DisruptiveFaultsCappedPerRound()
    {
        foreach (var plan in Rounds(30))
        {
            plan.Steps.OfType<ScheduledFault>().Count(fault => fault.Kind is FaultKind.LeaderKill or FaultKind.ApiServerRestart)
                .Should().BeLessThanOrEqualTo(Settings.DisruptiveFaultsPerRound);
        }
    }

    [Fact]
    public void Plan_LeaderKill_FollowsATemplateChangeWhenAWorkloadExists()
    {
        foreach (var plan in Rounds(30))
        {
            for (var i = 0; i < plan.Steps.Count; i++)
            {
                if (plan.Steps[i] is ScheduledFault { Kind: FaultKind.LeaderKill } && plan.Steps.Take(i).OfType<WorkloadOperation>().Any())
                {
                    plan.Steps[i - 1].Should().BeOfType<WorkloadOperation>().Which.Kind.Should().Be(OperationKind.Update, "the leader dies mid-rollout");
                }
            }
        }
    }

    [Fact]
    public void Plan_EndState_IsTheOperationsReplayed()
    {
        var start = RoundPlanner.Initial(Settings);
        var plan = RoundPlanner.Plan(Settings, 1, start);
        var replayed = start.ToDictionary(slot => slot.Slot);
        foreach (var operation in plan.Steps.OfType<WorkloadOperation>())
        {
            replayed[operation.Slot] = operation.Kind == OperationKind.Delete
                ? replayed[operation.Slot] with { Exists = false }
                : replayed[operation.Slot] with { Exists = true, Replicas = operation.Replicas, Revision = operation.Revision };
        }

        plan.End.Select(slot => (slot.Exists, slot.Exists ? slot.Replicas : 0, slot.Revision))
            .Should().Equal(replayed.Values.OrderBy(slot => slot.Slot).Select(slot => (slot.Exists, slot.Exists ? slot.Replicas : 0, slot.Revision)));
    }

    [Fact]
    public void Plan_Ceilings_CoverTheLargestReplicaCountOfTheRoundPlusSurge()
    {
        foreach (var plan in Rounds(10))
        {
            foreach (var operation in plan.Steps.OfType<WorkloadOperation>().Where(operation => operation.Kind != OperationKind.Delete))
            {
                plan.PodCeilings[SlotNames.Of(operation.Slot)].Should().BeGreaterThanOrEqualTo(operation.Replicas + SlotNames.MaxSurge(operation.Slot));
            }
        }
    }

    [Fact]
    public void Plan_DeletedSlot_NotCreatedAgainInTheSameRound()
    {
        foreach (var plan in Rounds(20))
        {
            var deleted = new HashSet<int>();
            foreach (var operation in plan.Steps.OfType<WorkloadOperation>())
            {
                if (operation.Kind == OperationKind.Create)
                {
                    deleted.Should().NotContain(operation.Slot);
                }

                if (operation.Kind == OperationKind.Delete)
                {
                    deleted.Add(operation.Slot);
                }
            }
        }
    }

    [Fact]
    public void Validate_BadSettings_ReportsEveryError()
    {
        var errors = new SoakSettings { Duration = TimeSpan.Zero, FaultShare = 2, Nodes = 0, HeapGrowthFactor = 0.5, Rounds = 0 }.Validate();

        errors.Should().HaveCount(4);
    }

    private static List<RoundPlan> Rounds(int count)
    {
        var plans = new List<RoundPlan>();
        var state = RoundPlanner.Initial(Settings);
        for (var round = 1; round <= count; round++)
        {
            plans.Add(RoundPlanner.Plan(Settings, round, state));
            state = plans[^1].End;
        }

        return plans;
    }
}
