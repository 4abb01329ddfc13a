using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Admission.Pods;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Rules;

/// <summary>Everything the pod rules decide from; no I/O behind any of it.</summary>
/// <param name="Operation">CREATE or UPDATE (other operations are allowed before the rules run).</param>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Pod">The pod as it would be stored (after mutation).</param>
/// <param name="OldPod">The stored pod, on UPDATE.</param>
/// <param name="SubResource">The subresource, for example <c>ephemeralcontainers</c>, or <see langword="null"/>.</param>
/// <param name="CoveringPolicies">The IsolationPolicies covering the namespace.</param>
/// <param name="RuntimeClasses">The operator's RuntimeClasses.</param>
/// <param name="Sizer">The VM sizer, so the VM annotations are checked against the same numbers the mutator writes.</param>
/// <param name="TrustedCreator">Whether the operator itself creates the pod: its VM sizing annotations are checked against the caps instead of recomputed.</param>
internal sealed record PodAdmissionInput(
    AdmissionOperation Operation,
    string Namespace,
    AdmissionPod Pod,
    AdmissionPod? OldPod,
    string? SubResource,
    IReadOnlyList<IsolationPolicy> CoveringPolicies,
    IReadOnlyList<IsolationRuntimeClass> RuntimeClasses,
    VmSizer Sizer,
    bool TrustedCreator = false);
