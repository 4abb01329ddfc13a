namespace HyperVIsolation.Bench;

/// <summary>Bounds of a benchmark run.</summary>
internal sealed record BenchmarkSettings
{
    /// <summary>Objects created (and read back); the watch phase creates half as many more.</summary>
    public int Creates { get; init; } = 2000;

    /// <summary>Requests in flight at once.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>Where JSON and table results go (git-ignored).</summary>
    public string OutputDirectory { get; init; } = "bench/results";
}
