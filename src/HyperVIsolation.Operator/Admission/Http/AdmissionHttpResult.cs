namespace HyperVIsolation.Operator.Admission.Http;

/// <summary>The HTTP answer to one webhook call: 200 with an AdmissionReview, or 400/413 with a plain-text reason.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="ContentType">The content type of <paramref name="Body"/>.</param>
/// <param name="Body">The response body.</param>
internal sealed record AdmissionHttpResult(int StatusCode, string ContentType, byte[] Body)
{
    /// <summary>A plain-text error.</summary>
    public static AdmissionHttpResult Error(int statusCode, string message) =>
        new(statusCode, "text/plain; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(message));
}
