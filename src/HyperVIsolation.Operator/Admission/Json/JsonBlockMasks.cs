namespace HyperVIsolation.Operator.Admission.Json;

/// <summary>Where a 64-byte block of JSON has quotes, backslashes, opening and closing brackets: bit i is byte i.</summary>
/// <param name="Quotes">Bytes that are <c>"</c>.</param>
/// <param name="Backslashes">Bytes that are <c>\</c>.</param>
/// <param name="Opens">Bytes that are <c>{</c> or <c>[</c>.</param>
/// <param name="Closes">Bytes that are <c>}</c> or <c>]</c>.</param>
internal readonly record struct JsonBlockMasks(ulong Quotes, ulong Backslashes, ulong Opens, ulong Closes);
