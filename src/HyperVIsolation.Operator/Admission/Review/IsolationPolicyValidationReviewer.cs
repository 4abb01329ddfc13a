using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Admission.Rules;
using HyperVIsolation.Operator.Validation;

namespace HyperVIsolation.Operator.Admission.Review;

/// <summary><c>/validate/isolationpolicies</c>: <see cref="IsolationPolicyValidator"/>.</summary>
internal sealed class IsolationPolicyValidationReviewer : IAdmissionReviewer
{
    /// <inheritdoc />
    public AdmissionDecision Review(AdmissionRequestDocument request)
    {
        if (!AdmissionRequestReader.IsResource(request, ApiGroup.Group, IsolationPolicy.Plural) || !string.IsNullOrEmpty(request.SubResource))
        {
            return AdmissionDecision.BadRequest($"This webhook validates isolationpolicies, not {AdmissionRequestReader.DescribeResource(request)}.");
        }

        if (AdmissionRequestReader.Operation(request) is not (AdmissionOperation.Create or AdmissionOperation.Update))
        {
            return AdmissionDecision.Allow;
        }

        if (!AdmissionRequestReader.TryRead<IsolationPolicy>(request.Object, IsolationPolicy.KindName, out var policy, out var error))
        {
            return AdmissionDecision.BadRequest(error);
        }

        return ValidationErrorDecision.From(IsolationPolicyValidator.Validate(policy.Spec ?? new IsolationPolicySpec()), IsolationPolicy.KindName);
    }
}
