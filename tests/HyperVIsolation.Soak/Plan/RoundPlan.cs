namespace HyperVIsolation.Soak.Plan;

/// <summary>One round: its steps in time order, the slots as they must be after it, and each slot's pod ceiling during it.</summary>
/// <param name="Round">The round number, from 1.</param>
/// <param name="Steps">Faults and operations, by offset.</param>
/// <param name="End">Every slot as the round leaves it.</param>
/// <param name="PodCeilings">
/// Per workload name: the most active pods it may have during the round, the largest replica count it had at any
/// point of the round plus its maxSurge (a scale-down leaves the old pods until they are removed).
/// </param>
public sealed record RoundPlan(int Round, IReadOnlyList<SoakStep> Steps, IReadOnlyList<SlotState> End, IReadOnlyDictionary<string, int> PodCeilings);
