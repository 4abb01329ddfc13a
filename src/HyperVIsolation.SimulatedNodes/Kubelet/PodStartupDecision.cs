using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.SimulatedNodes.Hcs;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Kubelet;

/// <summary>
/// Pure admission of a bound pod on a Windows node, as kubelet + containerd + hcsshim decide it:
/// the RuntimeClass handler must exist in the node's containerd config; a Hyper-V handler needs the
/// Hyper-V feature; each container image's OS build must run on the host under the pod's isolation
/// (<see cref="WindowsCompatibility.CanRun"/>); the utility VM is sized only from the pod annotations
/// the handler's allow-list lets through. Error texts are the ones containerd and HCS produce.
/// </summary>
public static class PodStartupDecision
{
    /// <summary>The HCS text for HCS_E_HYPERV_NOT_INSTALLED.</summary>
    public const string HyperVNotInstalledText = "The virtual machine could not be started because a required feature is not installed.";

    /// <summary>The HCS text for 0xc0370101 (<see cref="WindowsCompatibility.BuildMismatchHResult"/>).</summary>
    public const string BuildMismatchText = "The container operating system does not match the host operating system.";

    /// <summary>Decides how <paramref name="pod"/> starts on the node.</summary>
    /// <param name="pod">The bound pod.</param>
    /// <param name="runtimeClass">The pod's RuntimeClass; null when it names none or the class is missing.</param>
    /// <param name="node">The node's runtime facts.</param>
    public static PodStartupPlan Decide(V1Pod pod, V1RuntimeClass? runtimeClass, NodeRuntimeFacts node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        var uid = pod.Metadata?.Uid ?? pod.Metadata?.Name ?? string.Empty;
        var sandboxId = RuntimeIds.Sandbox(uid);
        var className = pod.Spec?.RuntimeClassName;
        if (!string.IsNullOrEmpty(className) && runtimeClass is null)
        {
            return Failed(sandboxId, string.Empty, $"failed to get runtime class \"{className}\": runtimeclass.node.k8s.io \"{className}\" not found");
        }

        var handlerName = runtimeClass?.Handler ?? string.Empty;
        var lookupName = handlerName.Length == 0 ? node.DefaultHandler : handlerName;
        if (!node.Containerd.TryGetHandler(lookupName, out var handler))
        {
            return Failed(sandboxId, handlerName, $"rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for \"{lookupName}\" is configured");
        }

        var isolation = handler.Options?.IsHypervisorIsolated == true ? IsolationMode.HyperV : IsolationMode.Process;
        var annotations = new Dictionary<string, string>(pod.Metadata?.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var shimAnnotations = AnnotationAllowList.FilterPodAnnotations(handler, annotations);
        var plan = new PodStartupPlan
        {
            Handler = handlerName,
            Isolation = isolation,
            SandboxId = sandboxId,
            HandlerOptions = handler.Options,
            ShimAnnotations = shimAnnotations,
            VmSize = isolation == IsolationMode.HyperV ? UtilityVmSizing.Size(shimAnnotations, handler.Options, node.LogicalProcessors) : null,
        };
        if (isolation == IsolationMode.HyperV && !node.HyperVEnabled)
        {
            return plan with { SandboxError = SandboxFailure(ShimTaskFailure(SimulatedHostComputeService.UtilityVmId(sandboxId), HyperVNotInstalledText)) };
        }

        return plan with { ContainerErrors = ImageMismatches(pod, uid, node.Build, isolation) };
    }

    /// <summary>kubelet's text for a sandbox containerd could not create.</summary>
    public static PodStartupError SandboxFailure(string runtimeMessage) =>
        new("RunContainerError", "Failed to create pod sandbox: " + runtimeMessage);

    /// <summary>containerd's text when the runhcs shim fails to create a compute system.</summary>
    public static string ShimTaskFailure(string computeSystemId, string hcsText) =>
        $"failed to create containerd task: failed to create shim task: hcs::CreateComputeSystem {computeSystemId}: {hcsText}: unknown";

    private static Dictionary<string, PodStartupError> ImageMismatches(V1Pod pod, string uid, WindowsBuild host, IsolationMode isolation)
    {
        var errors = new Dictionary<string, PodStartupError>(StringComparer.Ordinal);
        var containers = (pod.Spec?.InitContainers ?? []).Concat(pod.Spec?.Containers ?? []);
        foreach (var container in containers)
        {
            if (ImageBuildInference.FromReference(container.Image) is { } image && !WindowsCompatibility.CanRun(host, image, isolation))
            {
                var id = RuntimeIds.Container(uid, container.Name);
                errors[container.Name] = new PodStartupError("RunContainerError", ShimTaskFailure(id, BuildMismatchText));
            }
        }

        return errors;
    }

    private static PodStartupPlan Failed(string sandboxId, string handler, string runtimeMessage) => new()
    {
        Handler = handler,
        Isolation = IsolationMode.Process,
        SandboxId = sandboxId,
        SandboxError = SandboxFailure(runtimeMessage),
    };
}
