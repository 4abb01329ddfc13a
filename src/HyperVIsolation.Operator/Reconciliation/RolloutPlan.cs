namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>What one reconcile does to a workload's pods: create some with the current template, delete some.</summary>
/// <param name="PodsToCreate">How many pods to create from the current template.</param>
/// <param name="Deletions">Pods to delete, in the order to delete them.</param>
public sealed record RolloutPlan(int PodsToCreate, IReadOnlyList<PodDeletion> Deletions)
{
    /// <summary>Whether the plan does nothing.</summary>
    public bool IsEmpty => PodsToCreate == 0 && Deletions.Count == 0;
}
