using System.Text.Json;
using HyperVIsolation.Operator.Admission.Json;
using HyperVIsolation.Operator.Admission.Pods;

namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>A pod read from a review's <c>object</c> or <c>oldObject</c>, or why it could not be read.</summary>
/// <param name="Pod">The pod, when it could be read.</param>
/// <param name="Error">Why not (a wrong JSON type, a bad quantity, a property named twice), otherwise <see langword="null"/>.</param>
internal sealed record EmbeddedPod(AdmissionPod? Pod, string? Error)
{
    /// <summary>Reads the pod whose <c>{</c> the reader is on; never throws for content, only the reader's position tells.</summary>
    public static EmbeddedPod Read(ref AdmissionJsonReader reader)
    {
        try
        {
            return new EmbeddedPod(AdmissionPodReader.Read(ref reader), null);
        }
#pragma warning disable CA1031 // Every failure to read untrusted input is a bad request, whatever the reader or a quantity parser throws.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return new EmbeddedPod(null, exception.Message);
        }
    }
}
