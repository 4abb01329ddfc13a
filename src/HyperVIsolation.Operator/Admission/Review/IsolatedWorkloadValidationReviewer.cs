using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Admission.Rules;
using HyperVIsolation.Operator.Admission.State;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Validation;

namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>
/// <c>/validate/isolatedworkloads</c>: <see cref="IsolatedWorkloadValidator"/> with the namespace's
/// covering policies. Its errors always deny: most are about the object itself, not a policy.
/// </summary>
/// <param name="state">Policies and namespaces.</param>
internal sealed class IsolatedWorkloadValidationReviewer(IAdmissionState state) : IAdmissionReviewer
{
    /// <inheritdoc />
    public AdmissionDecision Review(AdmissionRequestDocument request)
    {
        if (!AdmissionRequestReader.IsResource(request, ApiGroup.Group, IsolatedWorkload.Plural) || !string.IsNullOrEmpty(request.SubResource))
        {
            return AdmissionDecision.BadRequest($"This webhook validates isolatedworkloads, not {AdmissionRequestReader.DescribeResource(request)}.");
        }

        if (AdmissionRequestReader.Operation(request) is not (AdmissionOperation.Create or AdmissionOperation.Update))
        {
            return AdmissionDecision.Allow;
        }

        if (!AdmissionRequestReader.TryRead<IsolatedWorkload>(request.Object, IsolatedWorkload.KindName, out var workload, out var error))
        {
            return AdmissionDecision.BadRequest(error);
        }

        var namespaceName = request.Namespace ?? workload.Metadata?.NamespaceProperty ?? string.Empty;
        var covering = PolicyScope.Covering(state.Policies, state.NamespaceLabels(namespaceName));
        var errors = IsolatedWorkloadValidator.Validate(workload.Spec ?? new IsolatedWorkloadSpec(), covering);
        return ValidationErrorDecision.From(errors, IsolatedWorkload.KindName);
    }
}
