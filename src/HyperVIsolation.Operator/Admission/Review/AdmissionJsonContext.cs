using System.Text.Json.Serialization;

namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>
/// Source-generated serialization of the AdmissionReview documents: the reference shape of a response, which
/// <see cref="AdmissionReviewWriter"/> writes by hand on the hot path (<c>AdmissionReviewWriterTests</c> compares the two).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 128,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(AdmissionReviewDocument))]
internal sealed partial class AdmissionJsonContext : JsonSerializerContext;
