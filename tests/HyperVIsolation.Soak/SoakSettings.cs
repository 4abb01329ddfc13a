namespace HyperVIsolation.Soak;

/// <summary>
/// What a soak run does: how long, from which seed, how hard it faults, how many workloads it keeps, and the
/// bounds its invariants allow. The CI profile and the long profile differ only in these values.
/// </summary>
public sealed record SoakSettings
{
    /// <summary>Seed of every random choice of the plan (faults, their targets and lengths, workload operations).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>How long to keep starting rounds; the round that is running when it passes still ends and converges.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// When set, exactly this many rounds run whatever the time (the CI profile: the same plan on a fast or a loaded
    /// machine); otherwise rounds start until <see cref="Duration"/> has passed.
    /// </summary>
    public int? Rounds { get; init; }

    /// <summary>How long each round injects faults and changes workloads before the cluster must converge.</summary>
    public TimeSpan RoundLength { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Mean time between two steps (a fault or a workload operation) of a round.</summary>
    public TimeSpan MeanStepInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Share of the steps that are faults (the rest are workload operations).</summary>
    public double FaultShare { get; init; } = 0.6;

    /// <summary>How many workloads (slots that are created, scaled, updated, deleted and created again) the run keeps.</summary>
    public int WorkloadSlots { get; init; } = 6;

    /// <summary>The most replicas one workload asks for.</summary>
    public int MaxReplicas { get; init; } = 4;

    /// <summary>How many simulated Windows nodes run pods.</summary>
    public int Nodes { get; init; } = 3;

    /// <summary>At most this many API server restarts and leader kills per round (each costs seconds of recovery).</summary>
    public int DisruptiveFaultsPerRound { get; init; } = 2;

    /// <summary>How long the cluster may take to converge after a round's faults are healed.</summary>
    public TimeSpan ConvergenceTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Events one workload incarnation may have per change made to it (its create included) before it counts as a storm.</summary>
    public int EventsPerChange { get; init; } = 10;

    /// <summary>How much the managed heap may grow from the first converged round to the last, on top of <see cref="HeapGrowthFactor"/>.</summary>
    public long HeapGrowthAllowanceBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The factor of the first converged round's heap that the last one may reach (plus the allowance).</summary>
    public double HeapGrowthFactor { get; init; } = 1.5;

    /// <summary>All errors in the settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Duration <= TimeSpan.Zero || Rounds < 1)
        {
            errors.Add("Duration must be positive and Rounds, when set, at least 1.");
        }

        if (RoundLength <= TimeSpan.Zero || MeanStepInterval <= TimeSpan.Zero || ConvergenceTimeout <= TimeSpan.Zero)
        {
            errors.Add("RoundLength, MeanStepInterval and ConvergenceTimeout must be positive.");
        }

        if (FaultShare is < 0 or > 1)
        {
            errors.Add("FaultShare must be between 0 and 1.");
        }

        if (WorkloadSlots < 1 || MaxReplicas < 1 || Nodes < 1)
        {
            errors.Add("WorkloadSlots, MaxReplicas and Nodes must be at least 1.");
        }

        if (EventsPerChange < 1 || DisruptiveFaultsPerRound < 0 || HeapGrowthAllowanceBytes < 0 || HeapGrowthFactor < 1)
        {
            errors.Add("EventsPerChange must be at least 1, DisruptiveFaultsPerRound and HeapGrowthAllowanceBytes not negative, HeapGrowthFactor at least 1.");
        }

        return errors;
    }
}
