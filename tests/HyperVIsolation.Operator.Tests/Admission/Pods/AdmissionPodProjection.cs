using HyperVIsolation.Operator.Admission.Pods;
using HyperVIsolation.Operator.Tests.Admission.Json;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Admission.Pods;

/// <summary>
/// The one way tests turn a full <see cref="V1Pod"/> into the <see cref="AdmissionPod"/> the rules take: the same
/// members the webhook's reader keeps. <c>AdmissionPodReaderTests</c> checks that both agree on every generated pod,
/// so a member added to the record and set here but not read by the reader fails there.
/// </summary>
internal static class AdmissionPodProjection
{
    /// <summary>The admission view of <paramref name="pod"/>; lists and maps are shared, not copied.</summary>
    public static AdmissionPod From(V1Pod pod) => new(
        pod.Metadata is { } metadata ? new AdmissionPodMetadata(metadata.Name, metadata.NamespaceProperty, metadata.Labels, metadata.Annotations) : null,
        pod.Spec is { } spec ? Spec(spec) : null);

    private static AdmissionPodSpec Spec(V1PodSpec spec) => new(
        spec.Containers?.Select(container => container is null ? null : Container(container.Name, container.Image, container.SecurityContext, container.Resources)).ToList(),
        spec.InitContainers?.Select(container => container is null ? null : Container(container.Name, container.Image, container.SecurityContext, container.Resources)).ToList(),
        spec.EphemeralContainers?.Select(container => container is null ? null : Container(container.Name, container.Image, container.SecurityContext, container.Resources)).ToList(),
        spec.SecurityContext,
        spec.HostNetwork,
        spec.HostPID,
        spec.HostIPC,
        spec.HostUsers,
        spec.Volumes?.ToList<V1Volume?>(),
        spec.RuntimeClassName,
        spec.NodeName,
        spec.Os is { } os ? new AdmissionPodOs(os.Name) : null,
        spec.NodeSelector,
        spec.Tolerations?.ToList<V1Toleration?>(),
        spec.Affinity,
        spec.Overhead);

    private static AdmissionContainer Container(string? name, string? image, V1SecurityContext? securityContext, V1ResourceRequirements? resources) =>
        new(name, image, securityContext, resources);
}
