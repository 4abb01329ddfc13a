using HyperVIsolation.Operator.Admission.Rules;
using HyperVIsolation.Operator.Admission.State;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Review;

/// <summary><c>/validate/namespaces</c>: trust labels change only by a policy's administrators.</summary>
/// <param name="state">The policies.</param>
internal sealed class NamespaceValidationReviewer(IAdmissionState state) : IAdmissionReviewer
{
    private static readonly Dictionary<string, string> NoLabels = [];

    /// <inheritdoc />
    public AdmissionDecision Review(AdmissionRequestDocument request)
    {
        if (!AdmissionRequestReader.IsResource(request, string.Empty, "namespaces") || !string.IsNullOrEmpty(request.SubResource))
        {
            return AdmissionDecision.BadRequest($"This webhook validates namespaces, not {AdmissionRequestReader.DescribeResource(request)}.");
        }

        if (AdmissionRequestReader.Operation(request) != AdmissionOperation.Update)
        {
            return AdmissionDecision.Allow;
        }

        if (!AdmissionRequestReader.TryRead<V1Namespace>(request.Object, "Namespace", out var updated, out var error)
            || !AdmissionRequestReader.TryRead<V1Namespace>(request.OldObject, "old Namespace", out var old, out error))
        {
            return AdmissionDecision.BadRequest(error);
        }

        var input = new NamespaceAdmissionInput(
            AdmissionOperation.Update,
            request.Name ?? updated.Metadata?.Name ?? string.Empty,
            old.Metadata?.Labels?.AsReadOnly() ?? NoLabels.AsReadOnly(),
            updated.Metadata?.Labels?.AsReadOnly() ?? NoLabels.AsReadOnly(),
            AdmissionRequestReader.User(request),
            state.Policies);
        return AdmissionDecision.FromViolations(NamespaceTrustRules.Evaluate(input));
    }
}
