using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.Operator.Policies;
using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Which updates of a workload and its pods can change the workload's plan or its RuntimeClass; the changes of the
/// policy inputs (policies, namespaces, nodes) are <see cref="PolicyInputChanges"/>. Pure.
/// </summary>
internal static class RelevantChanges
{
    /// <summary>
    /// A workload's spec changed, it started terminating, or it is another object under the same name (a relist
    /// can report a delete and re-create as an update). Status writes change none of them.
    /// </summary>
    public static bool WorkloadSpec(IsolatedWorkload before, IsolatedWorkload after) =>
        before.Metadata?.Generation != after.Metadata?.Generation
        || (before.Metadata?.DeletionTimestamp is null) != (after.Metadata?.DeletionTimestamp is null)
        || before.Metadata?.Uid != after.Metadata?.Uid;

    /// <summary>
    /// A pod changed in a way its workload's reconcile reads: what rollouts and status see
    /// (<see cref="PodSummary"/>: phase, readiness, template hash, terminating), its controller, its workload
    /// label (adoption and release) or its RuntimeClass. Binding and most status churn change none of them.
    /// </summary>
    public static bool PodForWorkload(V1Pod before, V1Pod after) =>
        before.Metadata?.Uid != after.Metadata?.Uid
        || PodSummary.From(before) != PodSummary.From(after)
        || ControllerRuntime.Cache.ControllerOwner.UidOf(before) != ControllerRuntime.Cache.ControllerOwner.UidOf(after)
        || LabelOf(before) != LabelOf(after)
        || before.Spec?.RuntimeClassName != after.Spec?.RuntimeClassName;

    /// <summary>A pod started terminating or changed RuntimeClass (which classes are in use).</summary>
    public static bool PodRuntimeClassUse(V1Pod before, V1Pod after) =>
        (before.Metadata?.DeletionTimestamp is null) != (after.Metadata?.DeletionTimestamp is null)
        || before.Spec?.RuntimeClassName != after.Spec?.RuntimeClassName
        || LabelOf(before) != LabelOf(after);

    private static string? LabelOf(V1Pod pod) => pod.Metadata?.Labels?.TryGetValue(WellKnownLabels.Workload, out var value) == true ? value : null;
}
