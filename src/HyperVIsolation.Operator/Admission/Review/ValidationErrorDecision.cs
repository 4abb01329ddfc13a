using HyperVIsolation.Operator.Validation;

namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>Turns the custom resource validators' errors into a denial naming each field.</summary>
internal static class ValidationErrorDecision
{
    /// <summary>Allows when there are no errors; otherwise a 403 with one cause per error.</summary>
    public static AdmissionDecision From(IReadOnlyList<ValidationError> errors, string kind)
    {
        if (errors.Count == 0)
        {
            return AdmissionDecision.Allow;
        }

        var status = new AdmissionStatusDocument
        {
            Code = 403,
            Reason = "Forbidden",
            Message = $"{kind} is invalid: " + string.Join(" ", errors.Select(error => $"{error.Field}: {error.Message}")),
            Details = new AdmissionStatusDetailsDocument
            {
                Causes = errors.Select(error => new AdmissionStatusCauseDocument { Field = error.Field, Reason = "FieldValueInvalid", Message = error.Message }).ToList(),
            },
        };
        return new AdmissionDecision(false, status, null, []);
    }
}
