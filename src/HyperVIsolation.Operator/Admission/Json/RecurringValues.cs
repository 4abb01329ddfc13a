namespace HyperVIsolation.Operator.Admission.Json;

/// <summary>
/// The values that recur from one review to the next, kept between requests by whoever owns the reader: the strings
/// and the parsed quantities. The webhook has one (a singleton); each test that needs a clean slate makes its own.
/// </summary>
internal sealed class RecurringValues
{
    /// <summary>Short strings, one instance per text.</summary>
    public InternedStrings Strings { get; } = new();

    /// <summary>Quantities, parsed once per text.</summary>
    public ParsedQuantities Quantities { get; } = new();
}
