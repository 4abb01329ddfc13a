using System.Collections.Concurrent;
using System.Diagnostics;

namespace HyperVIsolation.Bench;

/// <summary>Runs a bounded number of operations with fixed concurrency and records each latency.</summary>
internal static class LatencyRecorder
{
    /// <summary>Runs <paramref name="operation"/> for indexes 0..count-1 on <paramref name="concurrency"/> workers.</summary>
    public static async Task<OperationResult> MeasureAsync(string name, int count, int concurrency, Func<int, CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        var next = -1;
        var total = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(
            async () =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < count)
                {
                    var started = Stopwatch.GetTimestamp();
                    await operation(index, cancellationToken);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            },
            cancellationToken));
        await Task.WhenAll(workers);
        total.Stop();
        return Summarize(name, latencies.ToList(), total.Elapsed.TotalSeconds);
    }

    /// <summary>Summarizes latencies into p50 and p99.</summary>
    public static OperationResult Summarize(string name, List<double> latencies, double seconds)
    {
        latencies.Sort();
        return new OperationResult(name, latencies.Count, seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static double Percentile(List<double> sorted, double share) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
}
