using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Reconciliation;
using k8s.Models;

namespace HyperVIsolation.LocalCluster.Progress;

/// <summary>One workload's progress as shown to the user, read from its status only.</summary>
internal sealed record WorkloadProgress
{
    /// <summary>Namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Name.</summary>
    public required string Name { get; init; }

    /// <summary>Ready replicas.</summary>
    public int Ready { get; init; }

    /// <summary>Desired replicas.</summary>
    public int Desired { get; init; }

    /// <summary>Resolved OS flavor, or empty before the operator resolved it.</summary>
    public string Os { get; init; } = string.Empty;

    /// <summary>Resolved Windows version (and build), or empty.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>Resolved utility VM size, or empty.</summary>
    public string Vm { get; init; } = string.Empty;

    /// <summary>How many of the workload's pods their node agent has verified to run in the VM they asked for; null before pods were read.</summary>
    public int? VmVerified { get; init; }

    /// <summary>The reason of the condition that explains the state best (Stalled, then Reconciling, then Ready).</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>The message of a Stalled condition, or why the workload has no status; otherwise empty.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>Ready condition True for the current generation.</summary>
    public bool IsReady { get; init; }

    /// <summary>Stalled condition True: the operator cannot progress without a change.</summary>
    public bool IsStalled { get; init; }

    /// <summary>The progress of a workload read from the API.</summary>
    public static WorkloadProgress From(IsolatedWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var status = workload.Status;
        var conditions = status?.Conditions ?? [];
        var ready = conditions.FirstOrDefault(c => c.Type == WorkloadConditions.Ready);
        var stalled = conditions.FirstOrDefault(c => c.Type == WorkloadConditions.Stalled && c.Status == "True");
        var reconciling = conditions.FirstOrDefault(c => c.Type == WorkloadConditions.Reconciling && c.Status == "True");
        var current = status?.ObservedGeneration is { } observed && observed == workload.Metadata.Generation;
        return new WorkloadProgress
        {
            Namespace = workload.Metadata.NamespaceProperty ?? string.Empty,
            Name = workload.Metadata.Name,
            Ready = status?.ReadyReplicas ?? 0,
            Desired = workload.Spec.Replicas,
            Os = status?.Os?.Flavor?.ToString() ?? string.Empty,
            Version = VersionText(status?.Os),
            Vm = status?.Vm?.Summary ?? VmText(status?.Vm),
            Reason = (stalled ?? reconciling ?? ready)?.Reason ?? (status is null ? "Pending" : string.Empty),
            Message = stalled?.Message ?? (status is null ? "the operator has not reported status yet" : string.Empty),
            IsReady = current && ready?.Status == "True",
            IsStalled = stalled is not null,
        };
    }

    /// <summary>Counts the pods whose <c>isolation.hyperv.dev/vm-verified</c> condition is True.</summary>
    public WorkloadProgress WithPods(IEnumerable<V1Pod> pods)
    {
        ArgumentNullException.ThrowIfNull(pods);
        return this with
        {
            VmVerified = pods.Count(pod => pod.Metadata?.DeletionTimestamp is null
                && pod.Status?.Conditions?.Any(c => c.Type == VmVerification.ConditionType && c.Status == "True") == true),
        };
    }

    /// <summary>A workload that does not exist (its apply failed or it was deleted).</summary>
    public static WorkloadProgress Missing(string ns, string name) => new()
    {
        Namespace = ns,
        Name = name,
        Reason = "NotFound",
        Message = "the workload does not exist in the cluster",
    };

    private static string VersionText(ResolvedOs? os) => os switch
    {
        { Version: { Length: > 0 } version, Build: { Length: > 0 } build } => $"{version} ({build})",
        { Version: { Length: > 0 } version } => version,
        { Build: { Length: > 0 } build } => build,
        _ => string.Empty,
    };

    private static string VmText(ResolvedVm? vm) => vm switch
    {
        { MemoryMiB: { } memory, ProcessorCount: { } cpus } => $"{cpus} vCPU, {memory} MiB",
        { MemoryMiB: { } memory } => $"{memory} MiB",
        _ => string.Empty,
    };
}
