namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>Why a workload cannot be planned: the reason of its <c>Stalled</c> condition and the message a user acts on.</summary>
/// <param name="Reason">Stable reason.</param>
/// <param name="Message">Every problem found, one sentence each.</param>
public sealed record PlanFailure(PlanFailureReason Reason, string Message);
