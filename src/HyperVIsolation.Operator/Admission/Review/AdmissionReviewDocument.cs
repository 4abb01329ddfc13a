namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>An <c>admission.k8s.io/v1</c> AdmissionReview, as sent by the API server and returned to it.</summary>
internal sealed class AdmissionReviewDocument
{
    /// <summary>The only version served: <c>admission.k8s.io/v1</c>.</summary>
    public const string V1 = "admission.k8s.io/v1";

    /// <summary>The kind name.</summary>
    public const string KindName = "AdmissionReview";

    /// <summary>apiVersion.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>kind.</summary>
    public string? Kind { get; set; }

    /// <summary>The request (in requests).</summary>
    public AdmissionRequestDocument? Request { get; set; }

    /// <summary>The response (in responses).</summary>
    public AdmissionResponseDocument? Response { get; set; }
}
