namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>One violated rule: the field, the rule id (as reason) and the sentence.</summary>
internal sealed class AdmissionStatusCauseDocument
{
    /// <summary>The rule id.</summary>
    public string? Reason { get; set; }

    /// <summary>The sentence.</summary>
    public string? Message { get; set; }

    /// <summary>The field path.</summary>
    public string? Field { get; set; }
}
