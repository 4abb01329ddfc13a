namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>The details of a denial: one cause per violation.</summary>
internal sealed class AdmissionStatusDetailsDocument
{
    /// <summary>The causes.</summary>
    public List<AdmissionStatusCauseDocument> Causes { get; set; } = [];
}
