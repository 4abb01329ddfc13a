using System.Buffers;
using System.Text;

namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>The status line and content type of a webhook answer whose body was written separately.</summary>
/// <param name="StatusCode">200 with an AdmissionReview, or 400/413 with a plain-text reason.</param>
/// <param name="ContentType">The content type of the body.</param>
internal readonly record struct AdmissionResponseHead(int StatusCode, string ContentType)
{
    /// <summary>200 with an AdmissionReview.</summary>
    public static AdmissionResponseHead Review { get; } = new(200, "application/json");

    /// <summary>A plain-text error: <paramref name="message"/> is written to <paramref name="output"/>.</summary>
    public static AdmissionResponseHead Error(int statusCode, string message, IBufferWriter<byte> output)
    {
        Encoding.UTF8.GetBytes(message, output);
        return new(statusCode, "text/plain; charset=utf-8");
    }
}
