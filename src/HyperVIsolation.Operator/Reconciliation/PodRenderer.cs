using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Placement;
using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Renders one pod of an IsolatedWorkload from its plan. The pod is Windows-only (<c>spec.os</c>,
/// node selector, toleration), placed by required node affinity on the compatible builds of
/// Hyper-V-ready nodes, sized by hcsshim annotations, and controlled by the workload. It gets no
/// service account token and no service links: tenants' pods start without API credentials.
/// <c>spec.overhead</c> is left out on purpose: the API server's RuntimeClass admission fills it
/// from the class and rejects a pod that brings a different value. Pure.
/// </summary>
public static class PodRenderer
{
    /// <summary>The pod to create for <paramref name="workload"/> (its name is generated from <c>&lt;workload&gt;-</c>).</summary>
    public static V1Pod Render(IsolatedWorkload workload, WorkloadPlan plan)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(plan);
        var metadata = workload.Metadata ?? throw new ArgumentException("The workload has no metadata.", nameof(workload));
        var template = workload.Spec?.Template ?? throw new ArgumentException("The workload has no template.", nameof(workload));
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                GenerateName = metadata.Name + "-",
                NamespaceProperty = metadata.NamespaceProperty,
                Labels = Labels(template, metadata.Name, plan.TemplateHash),
                Annotations = Annotations(template, plan),
                OwnerReferences = [ControllerReference(workload)],
            },
            Spec = new V1PodSpec
            {
                RuntimeClassName = plan.RuntimeClass?.Name,
                Os = new V1PodOS { Name = WindowsScheduling.WindowsOs },
                NodeSelector = new Dictionary<string, string> { [WellKnownLabels.Os] = WindowsScheduling.WindowsOs },
                Affinity = WindowsScheduling.CompatibleBuildsAffinity(plan.Os.CompatibleNodeBuilds),
                Tolerations = [WindowsScheduling.WindowsToleration()],
                Containers = ContainerRenderer.Render(template.Containers, plan.Os),
                ImagePullSecrets = template.ImagePullSecrets?.Select(name => new V1LocalObjectReference { Name = name }).ToList(),
                TerminationGracePeriodSeconds = template.TerminationGracePeriodSeconds,
                EnableServiceLinks = false,
                AutomountServiceAccountToken = false,
                ReadinessGates = plan.ReadinessGateEnabled ? [new V1PodReadinessGate { ConditionType = VmVerification.ConditionType }] : null,
            },
        };
    }

    /// <summary>The controller reference a workload puts on its pods.</summary>
    public static V1OwnerReference ControllerReference(IsolatedWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return new V1OwnerReference
        {
            ApiVersion = workload.ApiVersion,
            Kind = workload.Kind,
            Name = workload.Metadata?.Name,
            Uid = workload.Metadata?.Uid,
            Controller = true,
            BlockOwnerDeletion = true,
        };
    }

    /// <summary>Template labels, then the operator's (which win: the selector and rollouts depend on them).</summary>
    private static Dictionary<string, string> Labels(WorkloadTemplate template, string workloadName, string templateHash)
    {
        var labels = new Dictionary<string, string>(template.Labels ?? [], StringComparer.Ordinal)
        {
            [WellKnownLabels.Workload] = workloadName,
            [WellKnownLabels.TemplateHash] = templateHash,
        };
        return labels;
    }

    /// <summary>
    /// Template annotations without any <c>io.microsoft.</c> key, then the operator's. Validation
    /// already rejects such keys; dropping them here as well means a tenant can never reach hcsshim's
    /// host-level knobs even if an object slipped past admission.
    /// </summary>
    private static Dictionary<string, string>? Annotations(WorkloadTemplate template, WorkloadPlan plan)
    {
        var annotations = (template.Annotations ?? [])
            .Where(entry => !entry.Key.StartsWith(HcsAnnotations.MicrosoftPrefix, StringComparison.Ordinal))
            .ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);
        foreach (var (key, value) in plan.Vm?.Annotations ?? new Dictionary<string, string>())
        {
            annotations[key] = value;
        }

        if (plan.DisableUnsafeOperations)
        {
            annotations[HcsAnnotations.DisableUnsafeOperations] = "true";
        }

        return annotations.Count == 0 ? null : annotations;
    }
}
