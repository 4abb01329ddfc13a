namespace HyperVIsolation.Soak.Invariants;

/// <summary>What the invariants read of the cluster at one moment: the soak's workloads, their pods and the Events about them.</summary>
/// <param name="Workloads">Every IsolatedWorkload in the soak namespace.</param>
/// <param name="Pods">Every pod in the soak namespace.</param>
/// <param name="Events">Every Event in the soak namespace.</param>
public sealed record ClusterSnapshot(IReadOnlyList<WorkloadView> Workloads, IReadOnlyList<PodView> Pods, IReadOnlyList<EventView> Events);

/// <summary>The fields of an IsolatedWorkload the invariants read.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Uid">Its uid.</param>
/// <param name="Generation">metadata.generation.</param>
/// <param name="Deleting">Whether it has a deletion timestamp.</param>
/// <param name="Replicas">spec.replicas.</param>
/// <param name="Revision">The revision annotation of its template, -1 when absent.</param>
/// <param name="ObservedGeneration">status.observedGeneration.</param>
/// <param name="StatusReplicas">status.replicas.</param>
/// <param name="ReadyReplicas">status.readyReplicas.</param>
/// <param name="UpdatedReplicas">status.updatedReplicas.</param>
/// <param name="ReadyCondition">Whether the Ready condition is True.</param>
/// <param name="Conditions">Every condition as <c>type=status reason: message</c>, for a report that must explain a stall.</param>
public sealed record WorkloadView(
    string Name, string Uid, long Generation, bool Deleting, int Replicas, int Revision,
    long? ObservedGeneration, int? StatusReplicas, int? ReadyReplicas, int? UpdatedReplicas, bool ReadyCondition, string Conditions = "");

/// <summary>The fields of a pod the invariants read.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Workload">Its workload label, null when absent.</param>
/// <param name="OwnerUid">The uid of its controller owner, null when it has none.</param>
/// <param name="Revision">The revision annotation, -1 when absent.</param>
/// <param name="TemplateHash">The template-hash label.</param>
/// <param name="Phase">status.phase.</param>
/// <param name="Ready">Whether its Ready condition is True.</param>
/// <param name="Deleting">Whether it has a deletion timestamp.</param>
public sealed record PodView(string Name, string? Workload, string? OwnerUid, int Revision, string? TemplateHash, string? Phase, bool Ready, bool Deleting)
{
    /// <summary>Counts against replicas + maxSurge: not being deleted and not finished.</summary>
    public bool Active => !Deleting && Phase is not ("Failed" or "Succeeded");
}

/// <summary>An Event: what it is about and how often it happened.</summary>
/// <param name="InvolvedUid">involvedObject.uid.</param>
/// <param name="InvolvedName">involvedObject.name.</param>
/// <param name="Reason">Its reason.</param>
/// <param name="Count">Its count (1 when absent).</param>
/// <param name="Message">Its message.</param>
public sealed record EventView(string? InvolvedUid, string? InvolvedName, string? Reason, int Count, string? Message = null);
