namespace HyperVIsolation.LocalCluster.Options;

/// <summary>Parsed options, or every problem found in the command line.</summary>
/// <param name="Options">The options; the defaults when <paramref name="Errors"/> is not empty.</param>
/// <param name="Errors">Every problem, in argument order.</param>
internal sealed record LocalClusterOptionsParseResult(LocalClusterOptions Options, IReadOnlyList<string> Errors)
{
    /// <summary>Whether the command line was valid.</summary>
    public bool IsValid => Errors.Count == 0;
}
