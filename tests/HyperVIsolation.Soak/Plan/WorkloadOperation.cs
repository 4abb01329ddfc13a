using System.Globalization;

namespace HyperVIsolation.Soak.Plan;

/// <summary>What a workload operation does.</summary>
public enum OperationKind
{
    /// <summary>Creates the slot's workload.</summary>
    Create,

    /// <summary>Changes the replica count only.</summary>
    Scale,

    /// <summary>Changes the pod template (a new revision annotation), and possibly the replica count: a rollout.</summary>
    Update,

    /// <summary>Deletes the workload; its pods must go with it.</summary>
    Delete,
}

/// <summary>A workload operation of a round.</summary>
/// <param name="At">When in the round it is made.</param>
/// <param name="Kind">What it does.</param>
/// <param name="Slot">Which workload slot.</param>
/// <param name="Replicas">The replica count after it.</param>
/// <param name="Revision">The template revision after it.</param>
public sealed record WorkloadOperation(TimeSpan At, OperationKind Kind, int Slot, int Replicas, int Revision) : SoakStep(At)
{
    /// <summary>A one-line description for the log.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Kind} {SlotNames.Of(Slot)} replicas {Replicas} revision {Revision}");
}
