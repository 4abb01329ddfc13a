using k8s;
using k8s.Models;

namespace HyperVIsolation.Bench.Operator;

/// <summary>
/// The API server's raw write rate with the operator's client stack: plain ConfigMap creates with as
/// many requests in flight as the operator has workers, measured before anything else runs.
/// </summary>
internal static class RawWriteThroughput
{
    private const string Namespace = "bench-raw";

    /// <summary>Creates <paramref name="count"/> ConfigMaps and returns the phase's throughput and latencies.</summary>
    public static async Task<OperationResult> MeasureAsync(IKubernetes client, int count, int concurrency, CancellationToken cancellationToken)
    {
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } }, cancellationToken: cancellationToken);

        // Warm up connections and JIT so the phase is not charged for them.
        await LatencyRecorder.MeasureAsync("warmup", 50, concurrency, (i, ct) => CreateAsync(client, $"warmup-{i}", ct), cancellationToken);
        return await LatencyRecorder.MeasureAsync("raw create", count, concurrency, (i, ct) => CreateAsync(client, $"raw-{i}", ct), cancellationToken);
    }

    private static Task<V1ConfigMap> CreateAsync(IKubernetes client, string name, CancellationToken cancellationToken) =>
        client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["bench"] = "raw" } }, Data = new Dictionary<string, string> { ["value"] = name } },
            Namespace,
            cancellationToken: cancellationToken);
}
