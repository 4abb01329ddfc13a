using System.Text.Json.Serialization;

namespace HyperVIsolation.Operator.Admission.Mutation;

/// <summary>Source-generated serialization of a JSON patch: <c>op</c>, <c>path</c> and, except for remove, <c>value</c>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<JsonPatchOperation>))]
internal sealed partial class JsonPatchJsonContext : JsonSerializerContext;
