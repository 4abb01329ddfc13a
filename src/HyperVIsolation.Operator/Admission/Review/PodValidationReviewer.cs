using HyperVIsolation.Operator.Admission.Pods;
using HyperVIsolation.Operator.Admission.Rules;
using HyperVIsolation.Operator.Admission.State;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Review;

/// <summary><c>/validate/pods</c>: the isolation rules for pods and pods/ephemeralcontainers.</summary>
/// <param name="state">Policies, namespaces, RuntimeClasses and nodes.</param>
/// <param name="sizer">The VM sizer.</param>
/// <param name="trustedUsers">Users whose pods keep their VM sizing annotations (the operator).</param>
internal sealed class PodValidationReviewer(IAdmissionState state, VmSizer sizer, IReadOnlyList<string> trustedUsers) : IAdmissionReviewer
{
    /// <summary>The subresource through which ephemeral containers are added.</summary>
    public const string EphemeralContainers = "ephemeralcontainers";

    /// <inheritdoc />
    public AdmissionDecision Review(AdmissionRequestDocument request)
    {
        if (!AdmissionRequestReader.IsResource(request, string.Empty, "pods"))
        {
            return AdmissionDecision.BadRequest($"This webhook validates pods, not {AdmissionRequestReader.DescribeResource(request)}.");
        }

        var operation = AdmissionRequestReader.Operation(request);
        var subResource = string.IsNullOrEmpty(request.SubResource) ? null : request.SubResource;
        if (operation is not (AdmissionOperation.Create or AdmissionOperation.Update) || (subResource is not null && subResource != EphemeralContainers))
        {
            // Status, binding, eviction and the like cannot move a pod out of its VM.
            return AdmissionDecision.Allow;
        }

        if (!AdmissionRequestReader.TryReadPod(request, old: false, "Pod", out var pod, out var error))
        {
            return AdmissionDecision.BadRequest(error);
        }

        AdmissionPod? oldPod = null;
        if (operation == AdmissionOperation.Update && !AdmissionRequestReader.TryReadPod(request, old: true, "old Pod", out oldPod, out error))
        {
            return AdmissionDecision.BadRequest(error);
        }

        var namespaceName = request.Namespace ?? pod.Metadata?.Namespace ?? string.Empty;
        var covering = PolicyScope.Covering(state.Policies, state.NamespaceLabels(namespaceName));
        var input = new PodAdmissionInput(operation.Value, namespaceName, pod, oldPod, subResource, covering, state.RuntimeClasses, sizer, trustedUsers.Contains(request.UserInfo?.Username ?? string.Empty));
        return AdmissionDecision.FromViolations(PodIsolationRules.Evaluate(input));
    }
}
