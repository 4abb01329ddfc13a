using System.Text;
using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Admission.Json;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.PolicyAudit;

/// <summary>
/// Turns a stored pod into what the audit judges, through the webhook's own pod reader, so the audit and admission
/// read exactly the same fields the same way.
/// </summary>
internal static class AuditedPodReader
{
    /// <summary>The pod as the audit sees it.</summary>
    public static AuditedPod Read(V1Pod pod, RecurringValues recurring)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(recurring);
        var read = AdmissionPodReader.Read(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(pod)), recurring);

        // The scheduler's binding sets spec.nodeName on every running pod; the rule against naming a node judges the
        // CREATE request, which a stored pod no longer shows.
        if (read.Spec is { NodeName: not null } spec)
        {
            read = read with { Spec = spec with { NodeName = null } };
        }

        var metadata = pod.Metadata;
        return new AuditedPod(metadata?.NamespaceProperty ?? string.Empty, metadata?.Name ?? string.Empty, metadata?.CreationTimestamp, read, IsControlledByWorkload(metadata));
    }

    // The webhook trusts the operator by the requesting user, which a stored pod no longer shows; its controller
    // reference and workload label stand in. Anyone able to create pods can copy both, which costs the audit only the
    // recomputation of that pod's VM sizing: its caps are still checked, and Enforce mode still judges by user.
    private static bool IsControlledByWorkload(V1ObjectMeta? metadata) =>
        metadata?.Labels?.ContainsKey(WellKnownLabels.Workload) == true
        && metadata.OwnerReferences?.Any(owner => owner.Controller == true && owner.Kind == IsolatedWorkload.KindName && owner.ApiVersion == ApiGroup.ApiVersion) == true;
}
