namespace HyperVIsolation.Soak.Plan;

/// <summary>One step of a round: a fault or a workload operation, at an offset from the round's start.</summary>
/// <param name="At">When in the round the step happens.</param>
public abstract record SoakStep(TimeSpan At);
