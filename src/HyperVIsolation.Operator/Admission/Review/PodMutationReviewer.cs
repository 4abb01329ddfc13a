using HyperVIsolation.Operator.Admission.Mutation;
using HyperVIsolation.Operator.Admission.Pods;
using HyperVIsolation.Operator.Admission.Rules;
using HyperVIsolation.Operator.Admission.State;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Review;

/// <summary><c>/mutate/pods</c>: the mutator's patch for pods created in covered namespaces.</summary>
/// <param name="state">Policies, namespaces, RuntimeClasses and nodes.</param>
/// <param name="sizer">The VM sizer.</param>
/// <param name="trustedUsers">Users whose pods keep their VM sizing annotations (the operator).</param>
internal sealed class PodMutationReviewer(IAdmissionState state, VmSizer sizer, IReadOnlyList<string> trustedUsers) : IAdmissionReviewer
{
    /// <inheritdoc />
    public AdmissionDecision Review(AdmissionRequestDocument request)
    {
        if (!AdmissionRequestReader.IsResource(request, string.Empty, "pods") || !string.IsNullOrEmpty(request.SubResource))
        {
            return AdmissionDecision.BadRequest($"This webhook mutates pods, not {AdmissionRequestReader.DescribeResource(request)}.");
        }

        if (AdmissionRequestReader.Operation(request) != AdmissionOperation.Create)
        {
            return AdmissionDecision.Allow;
        }

        if (!AdmissionRequestReader.TryReadPod(request, old: false, "Pod", out var pod, out var error))
        {
            return AdmissionDecision.BadRequest(error);
        }

        var namespaceName = request.Namespace ?? pod.Metadata?.Namespace ?? string.Empty;
        var covering = PolicyScope.Covering(state.Policies, state.NamespaceLabels(namespaceName));
        var operations = PodIsolationMutator.Mutate(pod, new PodMutationContext(covering, state.RuntimeClasses, state.ReadyNodeBuilds, sizer, trustedUsers.Contains(request.UserInfo?.Username ?? string.Empty)));
        return AdmissionDecision.AllowWith(operations.Count == 0 ? null : JsonPatchOperation.Serialize(operations), []);
    }
}
