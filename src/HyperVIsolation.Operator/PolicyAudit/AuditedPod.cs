using HyperVIsolation.Operator.Admission.Pods;

namespace HyperVIsolation.Operator.PolicyAudit;

/// <summary>A stored pod as the audit judges it: the admission rules' input plus what names and orders it.</summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Name">The pod's name.</param>
/// <param name="Created">When it was created; the newest violating pods are the ones the status lists.</param>
/// <param name="Pod">What the admission rules read, with the scheduler's <c>spec.nodeName</c> taken out.</param>
/// <param name="CreatedByOperator">Whether an IsolatedWorkload controls it, so its VM annotations are judged as the operator's.</param>
internal sealed record AuditedPod(string Namespace, string Name, DateTime? Created, AdmissionPod Pod, bool CreatedByOperator);
