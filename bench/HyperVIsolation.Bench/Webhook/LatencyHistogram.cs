namespace HyperVIsolation.Bench.Webhook;

/// <summary>Latencies of one phase, recorded lock-free into a preallocated array and summarised at the end.</summary>
/// <param name="capacity">Most samples kept.</param>
internal sealed class LatencyHistogram(int capacity)
{
    private readonly double[] samples = new double[capacity];
    private int count;
    private int failed;

    /// <summary>Failed requests so far.</summary>
    public int Failed => Volatile.Read(ref failed);

    /// <summary>Records one answered request.</summary>
    public void Record(double milliseconds)
    {
        var index = Interlocked.Increment(ref count) - 1;
        if (index < samples.Length)
        {
            samples[index] = milliseconds;
        }
    }

    /// <summary>Records one failed request.</summary>
    public void Fail() => Interlocked.Increment(ref failed);

    /// <summary>The phase's result.</summary>
    public LoadResult Summarize(string endpoint, string mode, int target, int shed, double seconds)
    {
        var kept = Math.Min(Volatile.Read(ref count), samples.Length);
        var sorted = samples[..kept];
        Array.Sort(sorted);
        return new LoadResult(endpoint, mode, target, kept, Failed, shed, seconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99), Percentile(sorted, 0.999));
    }

    private static double Percentile(double[] sorted, double share) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(share * sorted.Length) - 1)];
}
