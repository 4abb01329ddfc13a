using HyperVIsolation.Api.V1Alpha1;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>A workload's status before and after one reconcile.</summary>
/// <param name="Previous">The status the workload had.</param>
/// <param name="Current">The status computed now.</param>
/// <param name="Written">Whether it differed and was written.</param>
/// <param name="Deferred">
/// When it differed but was held back by <see cref="StatusWritePacing"/>: how soon to look again
/// (zero otherwise).
/// </param>
internal sealed record StatusChange(IsolatedWorkloadStatus? Previous, IsolatedWorkloadStatus Current, bool Written, TimeSpan Deferred = default);
