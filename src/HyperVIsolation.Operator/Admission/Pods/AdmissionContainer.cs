using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Pods;

/// <summary>A container of any of an <see cref="AdmissionPod"/>'s three lists, with the members admission reads.</summary>
/// <param name="Name">Container name.</param>
/// <param name="Image">Image reference.</param>
/// <param name="SecurityContext">The container's security context, every member (an UPDATE compares it whole).</param>
/// <param name="Resources">Requests, limits and claims.</param>
internal sealed record AdmissionContainer(string? Name, string? Image, V1SecurityContext? SecurityContext, V1ResourceRequirements? Resources);
