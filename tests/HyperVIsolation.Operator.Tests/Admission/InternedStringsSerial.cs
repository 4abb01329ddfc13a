namespace HyperVIsolation.Operator.Tests.Admission;

/// <summary>
/// Tests that expect a string to stay interned between two reads: they run on their own, after the parallel ones,
/// because a test that reads many distinct values (the fuzz tests) can fill the bounded table and empty it between them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InternedStringsSerial
{
    /// <summary>The collection's name.</summary>
    public const string Name = "interned strings";
}
