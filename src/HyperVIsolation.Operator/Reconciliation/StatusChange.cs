using HyperVIsolation.Api.V1Alpha1;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>A workload's status before and after one reconcile.</summary>
/// <param name="Previous">The status the workload had.</param>
/// <param name="Current">The status computed now.</param>
/// <param name="Written">Whether it differed and was written.</param>
internal sealed record StatusChange(IsolatedWorkloadStatus? Previous, IsolatedWorkloadStatus Current, bool Written)
{
    /// <summary>Whether the condition <paramref name="type"/> became True with this write.</summary>
    public bool Became(string type) => Written && !IsTrue(Previous, type) && IsTrue(Current, type);

    private static bool IsTrue(IsolatedWorkloadStatus? status, string type) =>
        status?.Conditions?.Any(condition => condition?.Type == type && condition.Status == "True") ?? false;
}
