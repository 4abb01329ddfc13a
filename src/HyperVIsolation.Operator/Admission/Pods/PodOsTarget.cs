using HyperVIsolation.Api;
using HyperVIsolation.Operator.Placement;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Pods;

/// <summary>Which OS a pod asks for: Linux by <c>spec.os.name</c> or by a <c>kubernetes.io/os=linux</c> node selector.</summary>
internal static class PodOsTarget
{
    /// <summary>The OS value for Windows in <c>spec.os.name</c> and the node label.</summary>
    public const string Windows = WindowsScheduling.WindowsOs;

    /// <summary>The OS value for Linux.</summary>
    public const string Linux = "linux";

    /// <summary>Whether the pod targets Linux, and the field that says so.</summary>
    public static string? LinuxField(AdmissionPod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (string.Equals(pod.Spec?.Os?.Name, Linux, StringComparison.OrdinalIgnoreCase))
        {
            return "spec.os.name";
        }

        return pod.Spec?.NodeSelector is { } selector
            && selector.TryGetValue(WellKnownLabels.Os, out var os)
            && string.Equals(os, Linux, StringComparison.OrdinalIgnoreCase)
                ? $"spec.nodeSelector[{WellKnownLabels.Os}]"
                : null;
    }
}
