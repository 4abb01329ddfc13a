using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Placement;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Pods;

/// <summary>
/// The guest OS flavor to size a pod's VM for, read from its container images: Nano Server only
/// when every container runs a Nano Server base image, full Server when any does, else Server
/// Core. Unknown images count as Server Core because most Windows application images build on
/// it, and sizing for the bigger guest is the safe mistake.
/// </summary>
internal static class PodFlavorInference
{
    private const string NanoServer = BaseImages.Repository + "/nanoserver";
    private const string Server = BaseImages.Repository + "/server:";
    private const string ServerDigest = BaseImages.Repository + "/server@";

    /// <summary>The flavor for the pod's regular containers.</summary>
    public static OsFlavor Infer(AdmissionPod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var containers = pod.Spec?.Containers;
        if (containers is null || containers.Count == 0)
        {
            return OsFlavor.ServerCore;
        }

        var allNano = true;
        for (var index = 0; index < containers.Count; index++)
        {
            var image = containers[index]?.Image ?? string.Empty;
            if (image.StartsWith(Server, StringComparison.OrdinalIgnoreCase) || image.StartsWith(ServerDigest, StringComparison.OrdinalIgnoreCase))
            {
                return OsFlavor.Server;
            }

            allNano &= image.StartsWith(NanoServer, StringComparison.OrdinalIgnoreCase);
        }

        return allNano ? OsFlavor.NanoServer : OsFlavor.ServerCore;
    }
}
