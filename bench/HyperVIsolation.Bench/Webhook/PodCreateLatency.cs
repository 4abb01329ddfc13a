using System.Diagnostics;
using k8s;
using k8s.Autorest;

namespace HyperVIsolation.Bench.Webhook;

/// <summary>
/// The cost of the webhooks as a user feels it: the tenant's pod created one at a time through the API server the
/// operator's webhooks are registered with, and through an identically seeded server without them. The two take turns
/// in rounds, so a swing of the shared machine's load lands on both.
/// </summary>
internal static class PodCreateLatency
{
    /// <summary>Result name of the creates through the webhooks.</summary>
    public const string WithWebhooks = "create+webhooks";

    /// <summary>Result name of the creates without webhooks.</summary>
    public const string WithoutWebhooks = "create bare";

    /// <summary>The results' mode.</summary>
    public const string Mode = "e2e";

    private const int Warmup = 20;

    /// <summary>
    /// Creates <paramref name="creates"/> pods through each client, <paramref name="perRound"/> at a time before the
    /// other client's turn; returns the latencies with webhooks, then without.
    /// </summary>
    public static async Task<IReadOnlyList<LoadResult>> MeasureAsync(IKubernetes withWebhooks, IKubernetes withoutWebhooks, int creates, int perRound, CancellationToken cancellationToken)
    {
        (string Name, IKubernetes Client, LatencyHistogram Histogram, Stopwatch Clock)[] targets =
        [
            (WithWebhooks, withWebhooks, new LatencyHistogram(creates), new Stopwatch()),
            (WithoutWebhooks, withoutWebhooks, new LatencyHistogram(creates), new Stopwatch()),
        ];
        foreach (var target in targets)
        {
            for (var i = 0; i < Warmup; i++)
            {
                await CreateAsync(target.Client, $"warmup-{i}", cancellationToken).ConfigureAwait(false);
            }
        }

        for (var first = 0; first < creates; first += perRound)
        {
            foreach (var target in targets)
            {
                target.Clock.Start();
                for (var i = first; i < Math.Min(creates, first + perRound); i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    if (await CreateAsync(target.Client, $"e2e-{i}", cancellationToken).ConfigureAwait(false))
                    {
                        target.Histogram.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                    else
                    {
                        target.Histogram.Fail();
                    }
                }

                target.Clock.Stop();
            }
        }

        return [.. targets.Select(target => target.Histogram.Summarize(target.Name, Mode, 0, 0, target.Clock.Elapsed.TotalSeconds))];
    }

    private static async Task<bool> CreateAsync(IKubernetes client, string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.CreateNamespacedPodAsync(PodReviews.Submitted(name), PodReviews.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException)
        {
            return false;
        }
    }
}
