using System.Diagnostics;

namespace HyperVIsolation.Bench.Webhook;

/// <summary>Maximum throughput: a fixed number of workers each sending the next request as soon as the last is answered.</summary>
internal static class ClosedLoopLoad
{
    /// <summary>Runs <paramref name="concurrency"/> workers against <paramref name="endpoint"/> for <paramref name="duration"/>.</summary>
    public static async Task<LoadResult> RunAsync(BenchEndpoint endpoint, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var histogram = new LatencyHistogram(2_000_000);
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(
            async () =>
            {
                while (clock.Elapsed < duration)
                {
                    var started = clock.Elapsed;
                    try
                    {
                        if (await endpoint.PostAsync(cancellationToken).ConfigureAwait(false))
                        {
                            histogram.Record((clock.Elapsed - started).TotalMilliseconds);
                            continue;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // Counted below.
                    }

                    histogram.Fail();
                }
            },
            cancellationToken)).ToList();
        await Task.WhenAll(workers).ConfigureAwait(false);
        return histogram.Summarize(endpoint.Name, "max", 0, 0, clock.Elapsed.TotalSeconds);
    }
}
