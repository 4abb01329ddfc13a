namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>The metav1.Status of a denial.</summary>
internal sealed class AdmissionStatusDocument
{
    /// <summary>Always Failure for a denial.</summary>
    public string Status { get; set; } = "Failure";

    /// <summary>HTTP-like code: 403 for a rule, 400 for a malformed request.</summary>
    public int Code { get; set; }

    /// <summary>Forbidden or BadRequest.</summary>
    public string? Reason { get; set; }

    /// <summary>The sentences a tenant reads.</summary>
    public string? Message { get; set; }

    /// <summary>One cause per violated rule.</summary>
    public AdmissionStatusDetailsDocument? Details { get; set; }
}
