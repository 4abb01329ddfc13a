using System.Diagnostics;

namespace HyperVIsolation.Bench.Webhook;

/// <summary>
/// Offers requests at a fixed rate whatever the server does (open loop), with at most a bounded number in
/// flight: a request due while the bound is reached is shed and counted, not queued, so a slow server shows
/// up as shed requests instead of silently lowering the offered rate. Latency is measured from the moment the
/// request is handed to the client (measuring from the due time would add the sender's ~1 ms timer jitter
/// to every sample, floor included).
/// </summary>
internal static class OpenLoopLoad
{
    /// <summary>Runs <paramref name="endpoint"/> at <paramref name="perSecond"/> for <paramref name="duration"/>.</summary>
    public static async Task<LoadResult> RunAsync(BenchEndpoint endpoint, int perSecond, TimeSpan duration, int maxInFlight, CancellationToken cancellationToken)
    {
        var total = (int)(perSecond * duration.TotalSeconds);
        var histogram = new LatencyHistogram(total);
        var inFlight = 0;
        var shed = 0;
        var clock = Stopwatch.StartNew();
        for (var sent = 0; sent < total; sent++)
        {
            var due = TimeSpan.FromSeconds((double)sent / perSecond);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                // Sleep in ~1 ms steps instead of spinning: on two cores a spinning sender would take one from the server.
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            if (Interlocked.Increment(ref inFlight) > maxInFlight)
            {
                Interlocked.Decrement(ref inFlight);
                shed++;
                continue;
            }

            // Not kept in a list: a finished request's task holds its whole request and response, and 20,000 of
            // them surviving until the phase ends made every collection in the process copy them (5-30 ms pauses).
            _ = SendAsync(endpoint, clock, histogram, () => Interlocked.Decrement(ref inFlight), cancellationToken);
        }

        while (Volatile.Read(ref inFlight) > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
        }

        return histogram.Summarize(endpoint.Name, "rate", perSecond, shed, clock.Elapsed.TotalSeconds);
    }

    private static async Task SendAsync(BenchEndpoint endpoint, Stopwatch clock, LatencyHistogram histogram, Action done, CancellationToken cancellationToken)
    {
        var started = clock.Elapsed;
        try
        {
            if (await endpoint.PostAsync(cancellationToken).ConfigureAwait(false))
            {
                histogram.Record((clock.Elapsed - started).TotalMilliseconds);
            }
            else
            {
                histogram.Fail();
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            // Nobody awaits this task: every failure is counted here, none may go unobserved.
            histogram.Fail();
        }
        finally
        {
            done();
        }
    }
}
