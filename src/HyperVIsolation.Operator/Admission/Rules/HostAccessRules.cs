using HyperVIsolation.Operator.Admission.Pods;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Rules;

/// <summary>
/// Rules against reaching the host from inside the pod: HostProcess containers (which run on
/// the host, not in the VM), host namespaces, hostPath volumes and privileged containers.
/// </summary>
internal static class HostAccessRules
{
    /// <summary>Checks the pod-level fields and every container, ephemeral ones included.</summary>
    public static void Evaluate(AdmissionPod pod, IReadOnlyList<PodContainer> containers, ViolationCollector violations)
    {
        var spec = pod.Spec;
        if (spec?.SecurityContext?.WindowsOptions?.HostProcess == true)
        {
            violations.Add("spec.securityContext.windowsOptions.hostProcess", RuleIds.HostProcess, $"{violations.Pods} may not run HostProcess containers, which run on the host outside the utility VM");
        }

        if (spec?.HostNetwork == true)
        {
            violations.Add("spec.hostNetwork", RuleIds.HostNetwork, $"{violations.Pods} may not use the host network");
        }

        if (spec?.HostPID == true)
        {
            violations.Add("spec.hostPID", RuleIds.HostPid, $"{violations.Pods} may not share the host's process namespace");
        }

        if (spec?.HostIPC == true)
        {
            violations.Add("spec.hostIPC", RuleIds.HostIpc, $"{violations.Pods} may not share the host's IPC namespace");
        }

        for (var index = 0; index < (spec?.Volumes?.Count ?? 0); index++)
        {
            if (spec!.Volumes![index]?.HostPath is not null)
            {
                violations.Add($"spec.volumes[{index}].hostPath", RuleIds.HostPath, $"{violations.Pods} may not mount host paths; use an emptyDir or a persistent volume claim");
            }
        }

        EvaluateContainers(containers, violations);
    }

    /// <summary>Checks containers only, for UPDATEs that add or change them (ephemeral containers).</summary>
    public static void EvaluateContainers(IReadOnlyList<PodContainer> containers, ViolationCollector violations)
    {
        for (var index = 0; index < containers.Count; index++)
        {
            EvaluateContainer(containers[index], violations);
        }
    }

    private static void EvaluateContainer(PodContainer container, ViolationCollector violations)
    {
        if (container.SecurityContext?.WindowsOptions?.HostProcess == true)
        {
            violations.Add($"{container.FieldPath}.securityContext.windowsOptions.hostProcess", RuleIds.HostProcess, $"{violations.Pods} may not run HostProcess containers, which run on the host outside the utility VM");
        }

        if (container.SecurityContext?.Privileged == true)
        {
            violations.Add($"{container.FieldPath}.securityContext.privileged", RuleIds.Privileged, $"{violations.Pods} may not run privileged containers");
        }
    }
}
