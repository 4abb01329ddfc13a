namespace HyperVIsolation.Soak.Plan;

/// <summary>
/// Draws a round's faults and workload operations from the seed and the round number alone, so a seed gives the
/// same plan on every run and a round can be planned without running the ones before it (the slot states come
/// from the previous round's plan). Pure.
/// </summary>
public static class RoundPlanner
{
    /// <summary>Relative weights of the fault kinds (disruptive kinds are also capped per round).</summary>
    private static readonly (FaultKind Kind, int Weight)[] Weights =
    [
        (FaultKind.WatchCut, 3),
        (FaultKind.Compaction, 2),
        (FaultKind.Throttling, 2),
        (FaultKind.ServerErrors, 2),
        (FaultKind.LatencySpike, 2),
        (FaultKind.ApiServerRestart, 1),
        (FaultKind.LeaderKill, 1),
        (FaultKind.NodeNotReady, 2),
        (FaultKind.ContainerdRestart, 2),
        (FaultKind.VmBootFailure, 2),
    ];

    /// <summary>The slots before the first round: none exists.</summary>
    public static IReadOnlyList<SlotState> Initial(SoakSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [.. Enumerable.Range(0, settings.WorkloadSlots).Select(SlotState.Empty)];
    }

    /// <summary>Plans round <paramref name="round"/> starting from <paramref name="start"/>.</summary>
    public static RoundPlan Plan(SoakSettings settings, int round, IReadOnlyList<SlotState> start)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(start);
        var random = new Random(Mix(settings.Seed, round));
        var slots = start.ToArray();
        var deletedThisRound = new HashSet<int>();
        var ceilings = start.ToDictionary(slot => slot.Name, slot => slot.Exists ? slot.Replicas + SlotNames.MaxSurge(slot.Slot) : 0, StringComparer.Ordinal);
        var steps = new List<SoakStep>();
        var disruptive = 0;
        var at = TimeSpan.Zero;
        while (true)
        {
            at += settings.MeanStepInterval * (0.5 + random.NextDouble());
            if (at >= settings.RoundLength)
            {
                break;
            }

            if (random.NextDouble() < settings.FaultShare)
            {
                var fault = DrawFault(random, at, settings, ref disruptive);
                if (fault.Kind == FaultKind.LeaderKill && NextOperation(random, at, slots, deletedThisRound, settings, forceUpdate: true) is { } rollout)
                {
                    // The leader dies mid-rollout: a template change goes out just before.
                    Apply(rollout, slots, deletedThisRound, ceilings, steps);
                }

                steps.Add(fault);
            }
            else if (NextOperation(random, at, slots, deletedThisRound, settings, forceUpdate: false) is { } operation)
            {
                Apply(operation, slots, deletedThisRound, ceilings, steps);
            }
        }

        return new RoundPlan(round, steps, slots, ceilings);
    }

    private static void Apply(WorkloadOperation operation, SlotState[] slots, HashSet<int> deletedThisRound, Dictionary<string, int> ceilings, List<SoakStep> steps)
    {
        var before = slots[operation.Slot];
        slots[operation.Slot] = operation.Kind switch
        {
            OperationKind.Create => new SlotState(operation.Slot, true, operation.Replicas, operation.Revision, 1),
            OperationKind.Delete => before with { Exists = false, Changes = 0 },
            _ => before with { Replicas = operation.Replicas, Revision = operation.Revision, Changes = before.Changes + 1 },
        };
        if (operation.Kind == OperationKind.Delete)
        {
            deletedThisRound.Add(operation.Slot);
        }
        else
        {
            ceilings[before.Name] = Math.Max(ceilings[before.Name], operation.Replicas + SlotNames.MaxSurge(operation.Slot));
        }

        steps.Add(operation);
    }

    private static WorkloadOperation? NextOperation(Random random, TimeSpan at, SlotState[] slots, HashSet<int> deletedThisRound, SoakSettings settings, bool forceUpdate)
    {
        var slot = slots[random.Next(slots.Length)];
        if (forceUpdate)
        {
            var live = slots.Where(candidate => candidate.Exists).ToList();
            if (live.Count == 0)
            {
                return null;
            }

            slot = live[random.Next(live.Count)];
            return new WorkloadOperation(at, OperationKind.Update, slot.Slot, slot.Replicas, slot.Revision + 1);
        }

        if (!slot.Exists)
        {
            // A workload deleted this round may still be finishing; it comes back in a later round.
            return deletedThisRound.Contains(slot.Slot)
                ? null
                : new WorkloadOperation(at, OperationKind.Create, slot.Slot, random.Next(1, settings.MaxReplicas + 1), slot.Revision + 1);
        }

        var pick = random.NextDouble();
        return pick switch
        {
            < 0.4 => new WorkloadOperation(at, OperationKind.Scale, slot.Slot, OtherReplicaCount(random, slot.Replicas, settings.MaxReplicas), slot.Revision),
            < 0.85 => new WorkloadOperation(at, OperationKind.Update, slot.Slot, random.NextDouble() < 0.3 ? random.Next(1, settings.MaxReplicas + 1) : slot.Replicas, slot.Revision + 1),
            _ => new WorkloadOperation(at, OperationKind.Delete, slot.Slot, 0, slot.Revision),
        };
    }

    private static int OtherReplicaCount(Random random, int current, int max)
    {
        if (max == 1)
        {
            return 1;
        }

        var next = random.Next(1, max);
        return next >= current ? next + 1 : next;
    }

    private static ScheduledFault DrawFault(Random random, TimeSpan at, SoakSettings settings, ref int disruptive)
    {
        var kind = DrawKind(random);
        if (kind is FaultKind.ApiServerRestart or FaultKind.LeaderKill)
        {
            if (disruptive >= settings.DisruptiveFaultsPerRound)
            {
                kind = FaultKind.WatchCut;
            }
            else
            {
                disruptive++;
            }
        }

        return new ScheduledFault(
            at,
            kind,
            Node: random.Next(settings.Nodes),
            Duration: TimeSpan.FromMilliseconds(random.Next(500, 3000)),
            StatusCode: kind == FaultKind.Throttling ? 429 : (random.Next(2) == 0 ? 500 : 503),
            Share: Math.Round(0.2 + (random.NextDouble() * 0.4), 2),
            Latency: TimeSpan.FromMilliseconds(random.Next(50, 400)),
            Unreachable: random.Next(2) == 0);
    }

    private static FaultKind DrawKind(Random random)
    {
        var total = Weights.Sum(weight => weight.Weight);
        var pick = random.Next(total);
        foreach (var (kind, weight) in Weights)
        {
            if (pick < weight)
            {
                return kind;
            }

            pick -= weight;
        }

        return FaultKind.WatchCut;
    }

    /// <summary>A seed per round that does not depend on the process (string and HashCode hashing are randomised).</summary>
    private static int Mix(int seed, int round) => unchecked((seed * 1_000_003) + (round * 7_919));
}
