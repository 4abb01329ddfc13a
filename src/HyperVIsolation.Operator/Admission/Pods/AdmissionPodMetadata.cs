namespace HyperVIsolation.Operator.Admission.Pods;

/// <summary>The metadata of an <see cref="AdmissionPod"/>.</summary>
/// <param name="Name">The pod's name (empty on CREATE with generateName).</param>
/// <param name="Namespace">The pod's namespace, when the object names it.</param>
/// <param name="Labels">The pod's labels.</param>
/// <param name="Annotations">The pod's annotations: the <c>io.microsoft.*</c> ones size and harden the VM.</param>
internal sealed record AdmissionPodMetadata(
    string? Name,
    string? Namespace,
    IDictionary<string, string>? Labels,
    IDictionary<string, string>? Annotations);
