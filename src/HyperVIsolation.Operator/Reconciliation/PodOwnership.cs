using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>How a workload stands with the pods of its namespace.</summary>
/// <param name="Owned">Pods it controls and that carry its label: the ones rollouts and status count.</param>
/// <param name="ToAdopt">Pods with its label and no controller: add the controller reference (if the workload is not being deleted).</param>
/// <param name="ToRelease">Pods it controls that no longer carry its label: remove the controller reference, never delete.</param>
public sealed record PodOwnership(IReadOnlyList<V1Pod> Owned, IReadOnlyList<V1Pod> ToAdopt, IReadOnlyList<V1Pod> ToRelease);
