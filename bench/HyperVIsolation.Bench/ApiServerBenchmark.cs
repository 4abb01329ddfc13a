using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using HyperVIsolation.LocalApiServer.Hosting;
using k8s;
using k8s.Models;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Bench;

/// <summary>
/// Starts the local API server in process and measures create, get, list and watch over HTTPS
/// loopback through KubernetesClient, with bounded counts.
/// </summary>
internal static class ApiServerBenchmark
{
    private const string Namespace = "bench";

    /// <summary>Runs every phase and returns one result per operation.</summary>
    public static async Task<IReadOnlyList<OperationResult>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        await using var server = await ApiServer.StartAsync(
            new LocalApiServerOptions { WatchHistoryCapacity = settings.Creates * 4 }, cancellationToken);
        using var client = server.CreateClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } }, cancellationToken: cancellationToken);

        // Warm up connections and JIT so the first phase is not charged for them.
        await LatencyRecorder.MeasureAsync("warmup", 50, settings.Concurrency, (i, ct) => client.CoreV1.ListNamespacedConfigMapAsync(Namespace, limit: 1, cancellationToken: ct), cancellationToken);

        var create = await LatencyRecorder.MeasureAsync("create", settings.Creates, settings.Concurrency, (i, ct) => CreateAsync(client, $"cm-{i}", ct), cancellationToken);
        var get = await LatencyRecorder.MeasureAsync(
            "get", settings.Creates, settings.Concurrency, (i, ct) => client.CoreV1.ReadNamespacedConfigMapAsync($"cm-{(i * 7919) % settings.Creates}", Namespace, cancellationToken: ct), cancellationToken);
        var list = await LatencyRecorder.MeasureAsync(
            "list (limit 500)", Math.Max(10, settings.Creates / 20), settings.Concurrency, (i, ct) => client.CoreV1.ListNamespacedConfigMapAsync(Namespace, limit: 500, cancellationToken: ct), cancellationToken);
        using var raw = RawClient(server);
        var listBytes = await LatencyRecorder.MeasureAsync(
            "list raw (500)", Math.Max(10, settings.Creates / 20), settings.Concurrency, (i, ct) => raw.GetByteArrayAsync($"api/v1/namespaces/{Namespace}/configmaps?limit=500", ct), cancellationToken);
        var watch = await WatchAsync(client, settings, cancellationToken);
        return [create, get, list, listBytes, watch];
    }

    // The same list read as bytes without deserialising them: the server's share of a list's cost,
    // apart from the client's (which runs in this process too).
    private static HttpClient RawClient(ApiServer server)
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        handler.SslOptions.CertificateChainPolicy.CustomTrustStore.AddRange(config.SslCaCerts);
        var client = new HttpClient(handler) { BaseAddress = server.BaseUri };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        return client;
    }

    private static Task<V1ConfigMap> CreateAsync(Kubernetes client, string name, CancellationToken cancellationToken) =>
        client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["bench"] = "true" } }, Data = new Dictionary<string, string> { ["value"] = name } },
            Namespace,
            cancellationToken: cancellationToken);

    // One watch counts the ADDED events of a burst of creates; latency is from a create's response
    // to the arrival of its event.
    private static async Task<OperationResult> WatchAsync(Kubernetes client, BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var count = Math.Max(10, settings.Creates / 2);
        var version = (await client.CoreV1.ListNamespacedConfigMapAsync(Namespace, limit: 1, cancellationToken: cancellationToken)).Metadata.ResourceVersion;
        var created = new ConcurrentDictionary<string, long>();
        var delays = new List<double>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(TimeSpan.FromSeconds(60));
        var total = Stopwatch.StartNew();
        var watching = Task.Run(
            async () =>
            {
                await foreach (var (type, item) in client.CoreV1.WatchListNamespacedConfigMapAsync(Namespace, resourceVersion: version, cancellationToken: stop.Token))
                {
                    var arrived = Stopwatch.GetTimestamp();
                    if (type != WatchEventType.Added)
                    {
                        continue;
                    }

                    // The create's response may arrive after its event: wait for its timestamp.
                    while (!created.TryGetValue(item.Metadata.Name, out _))
                    {
                        await Task.Yield();
                    }

                    delays.Add(Math.Max(0, Stopwatch.GetElapsedTime(created[item.Metadata.Name], arrived).TotalMilliseconds));
                    if (delays.Count == count)
                    {
                        return;
                    }
                }
            },
            stop.Token);
        await LatencyRecorder.MeasureAsync(
            "watch-load",
            count,
            settings.Concurrency,
            async (i, ct) =>
            {
                var name = $"watched-{i}";
                await CreateAsync(client, name, ct);
                created[name] = Stopwatch.GetTimestamp();
            },
            cancellationToken);
        await watching;
        total.Stop();
        return LatencyRecorder.Summarize("watch (events)", delays, total.Elapsed.TotalSeconds);
    }
}
