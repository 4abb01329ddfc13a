namespace HyperVIsolation.Bench.Startup;

/// <summary>Minimum, median and maximum of a few measurements (median of an even count: the upper middle). Pure.</summary>
/// <param name="Min">The smallest.</param>
/// <param name="Median">The middle one.</param>
/// <param name="Max">The largest.</param>
internal sealed record Spread(double Min, double Median, double Max)
{
    /// <summary>The spread of <paramref name="values"/>; null when there are none.</summary>
    public static Spread? Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null : new Spread(sorted[0], sorted[sorted.Count / 2], sorted[^1]);
    }
}
