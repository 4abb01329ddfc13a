namespace HyperVIsolation.Operator.Admission.Pods;

/// <summary>
/// A pod as admission decides from it: exactly the members the pod rules, the mutator and the VM sizer read, and
/// nothing else. The webhook's reader fills every member of it; a rule that needs another pod field adds it here,
/// which fails to compile until the reader (<c>AdmissionPodReader</c>) and the tests' projection from a full pod set
/// it, so a field the reader skips can never reach a rule as a silent null (which would read as "allowed").
/// </summary>
/// <param name="Metadata">The pod's metadata, or <see langword="null"/> when the pod has none.</param>
/// <param name="Spec">The pod's spec, or <see langword="null"/> when the pod has none.</param>
internal sealed record AdmissionPod(AdmissionPodMetadata? Metadata, AdmissionPodSpec? Spec);
