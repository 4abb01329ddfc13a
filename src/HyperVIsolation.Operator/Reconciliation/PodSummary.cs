using HyperVIsolation.Api;
using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>What rollouts and status need to know about one pod of a workload.</summary>
/// <param name="Name">Pod name.</param>
/// <param name="TemplateHash">The template hash label, or <see langword="null"/> when absent.</param>
/// <param name="Phase">The pod phase.</param>
/// <param name="Ready">Whether the pod's <c>Ready</c> condition is <c>True</c>.</param>
/// <param name="BeingDeleted">Whether the pod has a deletion timestamp (terminating).</param>
/// <param name="CreatedAt">The pod's creation time.</param>
public sealed record PodSummary(string Name, string? TemplateHash, PodPhase Phase, bool Ready, bool BeingDeleted, DateTimeOffset CreatedAt)
{
    /// <summary>Whether the pod ended for good (Failed or Succeeded); a long-running workload replaces it.</summary>
    public bool IsTerminal => Phase is PodPhase.Failed or PodPhase.Succeeded;

    /// <summary>
    /// The node agent's finding when the pod's utility VM is not the one asked for (its <c>vm-verified</c> condition is
    /// <c>False</c>): the condition's reason and message; <see langword="null"/> otherwise.
    /// </summary>
    public (string Reason, string Message)? VmProblem { get; init; }

    /// <summary>Whether the pod counts as one of the workload's replicas: not terminating and not ended.</summary>
    public bool IsActive => !BeingDeleted && !IsTerminal;

    /// <summary>Reads a pod (KubernetesClient models are nullable-oblivious: every field may be missing).</summary>
    public static PodSummary From(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var metadata = pod.Metadata;
        string? hash = null;
        metadata?.Labels?.TryGetValue(WellKnownLabels.TemplateHash, out hash);
        var ready = pod.Status?.Conditions?.Any(condition => condition?.Type == "Ready" && condition.Status == "True") ?? false;
        var created = metadata?.CreationTimestamp is { } timestamp
            ? new DateTimeOffset(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc))
            : DateTimeOffset.MinValue;
        var vm = pod.Status?.Conditions?.FirstOrDefault(condition => condition?.Type == VmVerification.ConditionType);
        return new PodSummary(metadata?.Name ?? string.Empty, hash, ParsePhase(pod.Status?.Phase), ready, metadata?.DeletionTimestamp is not null, created)
        {
            VmProblem = vm?.Status == "False" ? (vm.Reason ?? VmVerification.ReasonSizeMismatch, vm.Message ?? string.Empty) : null,
        };
    }

    private static PodPhase ParsePhase(string? phase) => phase switch
    {
        "Running" => PodPhase.Running,
        "Succeeded" => PodPhase.Succeeded,
        "Failed" => PodPhase.Failed,
        "Unknown" => PodPhase.Unknown,
        _ => PodPhase.Pending,
    };
}
