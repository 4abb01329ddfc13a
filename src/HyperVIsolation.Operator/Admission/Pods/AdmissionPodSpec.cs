using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Pods;

/// <summary>
/// The spec of an <see cref="AdmissionPod"/>. Members an UPDATE compares whole (security contexts, volumes, tolerations,
/// affinity) keep the Kubernetes client's types with every member; the containers keep only what
/// <see cref="AdmissionContainer"/> holds. List entries may be <see langword="null"/>: the wire allows it.
/// </summary>
/// <param name="Containers">The regular containers.</param>
/// <param name="InitContainers">The init containers.</param>
/// <param name="EphemeralContainers">The ephemeral containers.</param>
/// <param name="SecurityContext">The pod's security context, every member.</param>
/// <param name="HostNetwork">Whether the pod uses the host network.</param>
/// <param name="HostPID">Whether the pod shares the host's process namespace.</param>
/// <param name="HostIPC">Whether the pod shares the host's IPC namespace.</param>
/// <param name="HostUsers">Whether the pod uses the host's user namespace.</param>
/// <param name="Volumes">The volumes, every member.</param>
/// <param name="RuntimeClassName">The RuntimeClass.</param>
/// <param name="NodeName">The node the pod names itself.</param>
/// <param name="Os">The pod's <c>spec.os</c>.</param>
/// <param name="NodeSelector">The node selector.</param>
/// <param name="Tolerations">The tolerations, every member.</param>
/// <param name="Affinity">The affinity, every member.</param>
/// <param name="Overhead">The RuntimeClass overhead the API server set.</param>
internal sealed record AdmissionPodSpec(
    IReadOnlyList<AdmissionContainer?>? Containers,
    IReadOnlyList<AdmissionContainer?>? InitContainers,
    IReadOnlyList<AdmissionContainer?>? EphemeralContainers,
    V1PodSecurityContext? SecurityContext,
    bool? HostNetwork,
    bool? HostPID,
    bool? HostIPC,
    bool? HostUsers,
    IReadOnlyList<V1Volume?>? Volumes,
    string? RuntimeClassName,
    string? NodeName,
    AdmissionPodOs? Os,
    IDictionary<string, string>? NodeSelector,
    IReadOnlyList<V1Toleration?>? Tolerations,
    V1Affinity? Affinity,
    IDictionary<string, ResourceQuantity>? Overhead);
