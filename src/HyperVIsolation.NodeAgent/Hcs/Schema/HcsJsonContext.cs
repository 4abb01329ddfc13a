using System.Text.Json.Serialization;

namespace HyperVIsolation.NodeAgent.Hcs.Schema;

/// <summary>
/// Source-generated System.Text.Json metadata for HCS documents. HCS field names are PascalCase,
/// the same as the CLR names, so no naming policy applies; absent values are left out because HCS
/// rejects nulls in some documents.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ComputeSystemQuery))]
[JsonSerializable(typeof(IReadOnlyList<ComputeSystemSummary>))]
[JsonSerializable(typeof(PropertyQuery))]
[JsonSerializable(typeof(Properties))]
[JsonSerializable(typeof(ModifySettingRequest))]
[JsonSerializable(typeof(ProcessorLimits))]
[JsonSerializable(typeof(ResultError))]
[JsonSerializable(typeof(ulong))]
public sealed partial class HcsJsonContext : JsonSerializerContext;
