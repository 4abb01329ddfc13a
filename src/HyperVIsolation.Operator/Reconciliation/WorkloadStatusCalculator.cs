using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Computes an IsolatedWorkload's status from its plan (or planning failure) and its pods, with
/// kstatus conditions so Argo CD and Flux report health: <c>Ready</c> is always present;
/// <c>Reconciling</c> and <c>Stalled</c> are abnormal-true and are present only when True (removed,
/// not set False, when they do not apply), so a healthy workload has just <c>Ready=True</c> and
/// <c>observedGeneration == generation</c>, which kstatus reports as Current.
/// <c>lastTransitionTime</c> is carried over from the previous status while a condition's status
/// stays the same. When planning fails, the running pods are left alone, so the resolved OS,
/// RuntimeClass, VM and updated count describing them are carried over too. Pure.
/// </summary>
public static class WorkloadStatusCalculator
{
    /// <summary>The status to write (compare with <see cref="StatusComparer"/> first).</summary>
    /// <param name="workload">The workload.</param>
    /// <param name="planResult">The plan, or why there is none.</param>
    /// <param name="pods">The workload's pods, terminating and ended ones included.</param>
    /// <param name="now">The current time.</param>
    /// <param name="previousStatus">The status the workload has now, if any.</param>
    public static IsolatedWorkloadStatus Compute(
        IsolatedWorkload workload,
        WorkloadPlanResult planResult,
        IReadOnlyList<PodSummary> pods,
        DateTimeOffset now,
        IsolatedWorkloadStatus? previousStatus)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(planResult);
        ArgumentNullException.ThrowIfNull(pods);

        var generation = workload.Metadata?.Generation;
        var desired = Math.Max(0, workload.Spec?.Replicas ?? 0);
        var active = pods.Where(pod => pod.IsActive).ToList();
        var ready = active.Count(pod => pod.Ready);
        var transitions = new ConditionTransitions(previousStatus?.Conditions, TruncateToSeconds(now), generation);
        var status = new IsolatedWorkloadStatus
        {
            ObservedGeneration = generation,
            Replicas = active.Count,
            ReadyReplicas = ready,
            AvailableReplicas = ready,
            Selector = $"{WellKnownLabels.Workload}={workload.Metadata?.Name}",
        };

        if (!planResult.IsSuccess)
        {
            status.UpdatedReplicas = Math.Min(previousStatus?.UpdatedReplicas ?? 0, active.Count);
            status.Os = StatusCopies.Copy(previousStatus?.Os);
            status.RuntimeClassName = previousStatus?.RuntimeClassName;
            status.Vm = StatusCopies.Copy(previousStatus?.Vm);
            var failure = planResult.Failure;
            var reason = failure.Reason.ToString();
            status.Conditions =
            [
                transitions.Create(WorkloadConditions.Ready, false, reason, failure.Message),
                transitions.Create(WorkloadConditions.Stalled, true, reason, failure.Message),
            ];
            return status;
        }

        var plan = planResult.Plan;
        var updated = active.Where(pod => pod.TemplateHash == plan.TemplateHash).ToList();
        status.UpdatedReplicas = updated.Count;
        status.Os = StatusCopies.Resolved(plan.Os);
        status.RuntimeClassName = plan.RuntimeClass?.Name;
        status.Vm = plan.Vm is { } vm ? new ResolvedVm { MemoryMiB = vm.Size.MemoryMiB, ProcessorCount = vm.Size.ProcessorCount, Summary = vm.Summary } : null;
        var progress = WorkloadProgress.Of(desired, active.Count, updated.Count, updated.Count(pod => pod.Ready));

        // A pod whose VM is not the one asked for will not become ready by waiting: the node must be fixed.
        if (active.FirstOrDefault(pod => pod.VmProblem is not null) is { VmProblem: var (vmReason, vmMessage) } misfit)
        {
            var message = $"pod {misfit.Name}: {vmMessage}";
            status.Conditions =
            [
                transitions.Create(WorkloadConditions.Ready, false, vmReason, message),
                transitions.Create(WorkloadConditions.Stalled, true, vmReason, message),
            ];
            return status;
        }

        status.Conditions = progress.Reason is { } progressReason
            ?
            [
                transitions.Create(WorkloadConditions.Ready, false, progressReason, progress.Message),
                transitions.Create(WorkloadConditions.Reconciling, true, progressReason, progress.Message),
            ]
            : [transitions.Create(WorkloadConditions.Ready, true, WorkloadConditions.ReasonReady, progress.Message)];
        return status;
    }

    /// <summary>The API stores condition times with second precision; truncating keeps a re-read status equal.</summary>
    private static DateTime TruncateToSeconds(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }
}
