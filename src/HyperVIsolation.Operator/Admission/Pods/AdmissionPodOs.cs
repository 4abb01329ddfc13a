namespace HyperVIsolation.Operator.Admission.Pods;

/// <summary>A pod's <c>spec.os</c>: present with no name is not the same as absent (the mutator replaces or adds).</summary>
/// <param name="Name">The OS name, <c>windows</c> or <c>linux</c>.</param>
internal sealed record AdmissionPodOs(string? Name);
