namespace HyperVIsolation.Operator.Sizing;

/// <summary>A sized VM with everything needed to apply and report it.</summary>
/// <param name="Size">The VM size.</param>
/// <param name="Annotations">The hcsshim pod annotations that carry the size.</param>
/// <param name="Overhead">The RuntimeClass overhead of the flavor.</param>
public sealed record VmSizing(
    VmSize Size,
    IReadOnlyDictionary<string, string> Annotations,
    RuntimeClassOverhead Overhead)
{
    /// <summary>Display form, for example <c>2048Mi/2vCPU</c> (formatted when asked: admission never shows it).</summary>
    public string Summary => Size.Summary;
}
