namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>Decides one kind of admission request; never throws for a malformed request.</summary>
internal interface IAdmissionReviewer
{
    /// <summary>The decision for <paramref name="request"/> (uid and envelope already checked).</summary>
    AdmissionDecision Review(AdmissionRequestDocument request);
}
