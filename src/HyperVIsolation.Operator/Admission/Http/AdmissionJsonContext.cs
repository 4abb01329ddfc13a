using System.Text.Json.Serialization;

namespace HyperVIsolation.Operator.Admission.Http;

/// <summary>Source-generated serialization of the AdmissionReview envelope (the objects inside stay raw); a property named twice is an error.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 128,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(AdmissionReviewDocument))]
internal sealed partial class AdmissionJsonContext : JsonSerializerContext;
