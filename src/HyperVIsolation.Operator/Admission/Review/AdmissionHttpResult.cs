namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>The HTTP answer to one webhook call as a whole (for tests and in-process callers): 200 with an AdmissionReview, or 400/413 with a plain-text reason.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="ContentType">The content type of <paramref name="Body"/>.</param>
/// <param name="Body">The response body.</param>
internal sealed record AdmissionHttpResult(int StatusCode, string ContentType, byte[] Body);
