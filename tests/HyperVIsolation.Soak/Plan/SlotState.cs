namespace HyperVIsolation.Soak.Plan;

/// <summary>What one workload slot should be: whether it exists, its replica count and template revision.</summary>
/// <param name="Slot">The slot.</param>
/// <param name="Exists">Whether the workload exists.</param>
/// <param name="Replicas">Its replica count (meaningless when it does not exist).</param>
/// <param name="Revision">Its template revision.</param>
/// <param name="Changes">Changes made to this incarnation, its create included (the Event budget grows with them).</param>
public sealed record SlotState(int Slot, bool Exists, int Replicas, int Revision, int Changes)
{
    /// <summary>A slot whose workload was never created.</summary>
    public static SlotState Empty(int slot) => new(slot, false, 0, 0, 0);

    /// <summary>The workload name.</summary>
    public string Name => SlotNames.Of(Slot);
}
