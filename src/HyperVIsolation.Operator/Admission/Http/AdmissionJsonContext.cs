using System.Text.Json.Serialization;

namespace HyperVIsolation.Operator.Admission.Http;

/// <summary>Source-generated serialization of the AdmissionReview envelope (the objects inside stay raw).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 128)]
[JsonSerializable(typeof(AdmissionReviewDocument))]
internal sealed partial class AdmissionJsonContext : JsonSerializerContext;
