namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>A pod to delete and why.</summary>
/// <param name="Name">Pod name.</param>
/// <param name="Reason">Why it goes.</param>
public sealed record PodDeletion(string Name, PodDeletionReason Reason);
