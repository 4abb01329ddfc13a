using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.ApiAccess;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Controllers;
using HyperVIsolation.ControllerRuntime.Events;
using HyperVIsolation.ControllerRuntime.Queue;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Reconciles one IsolatedWorkload from the caches: claims its pods, plans (OS, VM size, RuntimeClass,
/// template hash), then, once the pod cache has caught up with its previous writes
/// (<see cref="PodExpectations"/>), creates and deletes pods as <see cref="RolloutPlanner"/> says, and
/// writes the status when it changed, except in a pass that has just written pods (the pod events
/// bring the next pass, whose status is current) and while <see cref="StatusWritePacing"/> holds
/// progress back (the pass is requeued for when it is due). A plan failure leaves the running pods alone and marks the
/// workload Stalled with a Warning Event; the changes that could fix it (nodes, policies, namespaces,
/// RuntimeClasses, the workload itself) wake it again. No finalizer: pods go with the workload through
/// their ownerReferences, so deleting a workload never waits for the operator.
/// </summary>
internal sealed partial class WorkloadReconciler(
    ResourceInformer<IsolatedWorkload> workloads,
    ResourceInformer<V1Pod> pods,
    ResourceInformer<V1RuntimeClass> runtimeClasses,
    CachedWorkloadPlanner planner,
    PodExpectations expectations,
    PodClaims claims,
    WorkloadPodWriter podWriter,
    WorkloadStatusWriter statusWriter,
    EventRecorder events,
    ILogger<WorkloadReconciler> logger) : IReconciler
{
    /// <summary>How soon a workload whose RuntimeClass does not exist yet looks again (its creation also wakes it).</summary>
    private static readonly TimeSpan RuntimeClassWait = TimeSpan.FromSeconds(2);

    /// <inheritdoc/>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        if (workloads.Get(key) is not { } workload)
        {
            expectations.Forget(key);
            statusWriter.Forget(key);
            planner.Forget(key);
            return ReconcileResult.Done;
        }

        try
        {
            return await ReconcileAsync(key, workload, cancellationToken);
        }
        catch (Exception exception) when (ApiFailure.IsApiOrTransport(exception))
        {
            var result = ApiFailure.ResultOf(exception, "IsolatedWorkload " + key);
            LogApiError(exception, key, result.Outcome);
            return result;
        }
    }

    private async Task<ReconcileResult> ReconcileAsync(ObjectKey key, IsolatedWorkload workload, CancellationToken cancellationToken)
    {
        // Expectations are read before the pod cache, as the ReplicaSet controller does: if they are
        // satisfied now, every pod this controller created or deleted is already in the cache that is
        // read next. Read after the list, they could be fulfilled by a pod that arrived in between,
        // and the pass would plan from a list without it and create it again.
        var podsSettled = expectations.IsSatisfied(key);
        var owned = await claims.ClaimAsync(workload, Candidates(workload), cancellationToken);
        var summaries = owned.Select(PodSummary.From).ToList();
        var planResult = planner.Plan(workload, owned);
        if (!planResult.IsSuccess)
        {
            var stalled = await statusWriter.WriteIfChangedAsync(key, workload, planResult, summaries, cancellationToken);
            if (stalled.Written)
            {
                LogStalled(key, planResult.Failure.Reason, planResult.Failure.Message);
                events.Warning(workload, planResult.Failure.Reason.ToString(), planResult.Failure.Message);
            }

            return ReconcileResult.Done;
        }

        var result = ReconcileResult.Done;
        if (workload.Metadata.DeletionTimestamp is null && podsSettled)
        {
            result = await ManagePodsAsync(key, workload, planResult.Plan, owned, summaries, cancellationToken);
            if (!expectations.IsSatisfied(key))
            {
                // This pass created or deleted pods: a status computed from the pod list before those
                // writes is stale as soon as it is written, and the pod cache seeing them wakes the
                // workload again within milliseconds, so that pass writes the status instead (one write,
                // not two). A stale observedGeneration or an absent status keeps kstatus at InProgress
                // or unknown until then; failures (Stalled) never reach here and are written at once.
                return result;
            }
        }

        if (!podsSettled && expectations.UntilExpiry(key) is { } expiry && expiry > TimeSpan.Zero)
        {
            // Waiting for the cache to show this controller's writes: the event that satisfies the expectations wakes the
            // workload, and if it never comes (a lost observation), their expiry must, or nothing else ever would.
            result = Sooner(result, ReconcileResult.RequeueAfter(expiry));
        }

        var change = await statusWriter.WriteIfChangedAsync(key, workload, planResult, summaries, cancellationToken);
        return change.Deferred > TimeSpan.Zero ? Sooner(result, ReconcileResult.RequeueAfter(change.Deferred)) : result;
    }

    // A held-back status must be looked at again even if no pod changes meanwhile; an earlier retry wins.
    private static ReconcileResult Sooner(ReconcileResult result, ReconcileResult requeue) =>
        result.Outcome == ReconcileOutcome.Done || (result.Outcome == ReconcileOutcome.RequeueAfter && requeue.Delay < result.Delay) ? requeue : result;

    private async Task<ReconcileResult> ManagePodsAsync(
        ObjectKey key, IsolatedWorkload workload, WorkloadPlan plan, IReadOnlyList<V1Pod> owned, List<PodSummary> summaries, CancellationToken cancellationToken)
    {
        var rollout = RolloutPlanner.Plan(workload.Spec?.Replicas ?? 0, workload.Spec?.Strategy, plan.TemplateHash, summaries);
        if (rollout.IsEmpty)
        {
            return ReconcileResult.Done;
        }

        LogRollout(key, rollout.PodsToCreate, rollout.Deletions.Count);
        var podsByName = owned.ToDictionary(pod => pod.Metadata.Name, StringComparer.Ordinal);
        var failure = await podWriter.DeleteAsync(key, workload, rollout.Deletions, podsByName, cancellationToken);
        if (rollout.PodsToCreate > 0)
        {
            // The API server rejects a pod naming a RuntimeClass that does not exist: wait for the class instead of failing calls.
            if (plan.RuntimeClass is { } runtimeClass && runtimeClasses.Get(new ObjectKey(null, runtimeClass.Name)) is null)
            {
                LogWaitingForRuntimeClass(key, runtimeClass.Name);
                return failure is null ? ReconcileResult.RequeueAfter(RuntimeClassWait) : ApiFailure.ResultOf(failure, "delete pods");
            }

            failure ??= await podWriter.CreateAsync(key, workload, plan, rollout.PodsToCreate, cancellationToken);
        }

        return failure is null ? ReconcileResult.Done : ApiFailure.ResultOf(failure, "write pods");
    }

    /// <summary>Pods of the workload's namespace that it controls or that carry its label (orphans to adopt, pods to release).</summary>
    private List<V1Pod> Candidates(IsolatedWorkload workload)
    {
        var uid = workload.Metadata.Uid;
        var name = workload.Metadata.Name;
        return pods.List(workload.Metadata.NamespaceProperty)
            .Where(pod => ControllerOwner.UidOf(pod) == uid
                || (pod.Metadata?.Labels is { } labels && labels.TryGetValue(WellKnownLabels.Workload, out var value) && value == name))
            .ToList();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "IsolatedWorkload {Key} is stalled ({Reason}): {Message}")]
    private partial void LogStalled(ObjectKey key, PlanFailureReason reason, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "IsolatedWorkload {Key}: creating {Create} pods, deleting {Delete}")]
    private partial void LogRollout(ObjectKey key, int create, int delete);

    [LoggerMessage(Level = LogLevel.Information, Message = "IsolatedWorkload {Key}: waiting for RuntimeClass {RuntimeClass} before creating pods")]
    private partial void LogWaitingForRuntimeClass(ObjectKey key, string runtimeClass);

    [LoggerMessage(Level = LogLevel.Information, Message = "IsolatedWorkload {Key}: API call failed; outcome {Outcome}")]
    private partial void LogApiError(Exception exception, ObjectKey key, ReconcileOutcome outcome);
}
