namespace HyperVIsolation.Operator.Hosting;

/// <summary>Options read from configuration, with the values that could not be read.</summary>
/// <param name="Options">The options; unreadable values keep their defaults.</param>
/// <param name="Errors">One message per unreadable value or unknown key.</param>
internal sealed record OperatorOptionsReadResult(OperatorOptions Options, IReadOnlyList<string> Errors);
