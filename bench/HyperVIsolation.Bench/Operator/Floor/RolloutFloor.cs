using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace HyperVIsolation.Bench.Operator.Floor;

/// <summary>
/// The floor of a rollout: the writes the rollout made (the benchmark's workload creates, the operator's pod creates,
/// status writes and Events, the scheduler's bindings, the kubelets' status writes and Events), replayed as recorded
/// against a fresh server with the same webhooks and no operator, scheduler or kubelet logic: each workload's writes in
/// their order, <c>concurrency</c> workloads at a time.
/// </summary>
internal static class RolloutFloor
{
    /// <summary>Replays every chain of <paramref name="chains"/> against <paramref name="http"/>.</summary>
    public static async Task<FloorResult> ReplayAsync(HttpClient http, FloorChainSet chains, int concurrency, CancellationToken cancellationToken)
    {
        var ordered = chains.Chains.Values.ToList();
        var failures = 0;
        string? firstFailure = null;
        var clock = Stopwatch.StartNew();
        var result = await LatencyRecorder.MeasureAsync(
            "floor workload",
            ordered.Count,
            concurrency,
            async (i, ct) =>
            {
                var uids = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var write in ordered[i])
                {
                    if (await SendAsync(http, write, uids, ct) is { } failure)
                    {
                        Interlocked.Increment(ref failures);
                        Interlocked.CompareExchange(ref firstFailure, failure, null);
                    }
                }
            },
            cancellationToken);
        return new FloorResult(clock.Elapsed.TotalSeconds, chains.ChainedWrites, failures, firstFailure, result);
    }

    /// <summary>Sends one write; returns a description of the failure, or null.</summary>
    private static async Task<string?> SendAsync(HttpClient http, RecordedWrite write, Dictionary<string, string> uids, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(write.Method), write.Path)
        {
            Content = new StringContent(FloorRewrite.Body(write, uids), Encoding.UTF8, write.ContentType),
        };
        using var response = await http.SendAsync(request, cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return $"{write.Method} {write.Path}: {(int)response.StatusCode} {answer[..Math.Min(answer.Length, 300)]}";
        }

        if (write.CreatedUid is { } old && NewUid(answer) is { } current)
        {
            uids[old] = current;
        }

        return null;
    }

    private static string? NewUid(string answer)
    {
        using var document = JsonDocument.Parse(answer);
        return document.RootElement.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("uid", out var uid) ? uid.GetString() : null;
    }
}
