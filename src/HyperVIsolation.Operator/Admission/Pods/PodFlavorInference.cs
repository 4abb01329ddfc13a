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
    public static OsFlavor Infer(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var images = (pod.Spec?.Containers ?? []).Select(container => container?.Image ?? string.Empty).ToList();
        if (images.Any(image => image.StartsWith(Server, StringComparison.OrdinalIgnoreCase) || image.StartsWith(ServerDigest, StringComparison.OrdinalIgnoreCase)))
        {
            return OsFlavor.Server;
        }

        return images.Count > 0 && images.All(image => image.StartsWith(NanoServer, StringComparison.OrdinalIgnoreCase))
            ? OsFlavor.NanoServer
            : OsFlavor.ServerCore;
    }
}
