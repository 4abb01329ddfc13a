using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HyperVIsolation.Bench.Operator;

/// <summary>Writes an operator run as JSON and as a readable table, with the ratios against the raw write rate and the goals.</summary>
internal static class OperatorResultWriter
{
    /// <summary>Writes <c>operator-&lt;time&gt;.json</c> and <c>.txt</c>; returns the JSON path.</summary>
    public static async Task<string> WriteAsync(OperatorBenchmarkResult result, OperatorBenchmarkSettings settings, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.OutputDirectory);
        var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var path = Path.Combine(settings.OutputDirectory, $"operator-{stamp}.json");
        await File.WriteAllTextAsync(path, Json(result, settings).ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        await File.WriteAllTextAsync(Path.ChangeExtension(path, ".txt"), Table(result, settings), cancellationToken);
        return path;
    }

    /// <summary>A fixed-width table of the run.</summary>
    public static string Table(OperatorBenchmarkResult r, OperatorBenchmarkSettings s)
    {
        var goal = s.Replicas + 1;
        var perWorkload = (double)r.Rollout.OperatorStateWrites / s.Workloads;
        var eventsPerWorkload = (double)r.Rollout.OperatorEventWrites / s.Workloads;
        var table = new StringBuilder();
        void Row(string name, string value, string note = "") => table.AppendLine(CultureInfo.InvariantCulture, $"{name,-40}{value,14}  {note}");
        Row("raw writes/s (API server)", $"{r.RawWrites.PerSecond:F0}", $"{r.RawWrites.Count} ConfigMaps, {s.Workers} in flight, p50 {r.RawWrites.P50Milliseconds:F1} ms");
        Row("workloads Ready", $"{r.ReadyWorkloads}/{s.Workloads}", $"{s.Replicas} replica(s) each");
        Row("time to all Ready (s)", $"{r.SecondsToAllReady:F1}", "from the first create");
        Row("floor: rollout's writes replayed (s)", $"{r.Floor.Seconds:F1}", $"{r.Floor.Writes} writes ({r.Floor.Writes / (double)s.Workloads:F2} per workload), {s.FloorConcurrency} workloads at a time, {r.Floor.WritesPerSecond:F0} writes/s, {r.Floor.Failures} refused; {r.WritesNotReplayed} writes about no workload not replayed");
        foreach (var (kind, count) in r.FloorWritesByKind)
        {
            Row($"  {kind}", $"{(double)count / s.Workloads:F2}", $"{count} total");
        }

        Row("rollout / floor", $"{r.RolloutOverFloor:F2}", "goal <= 1.5");
        Row("process CPU s rollout / floor", $"{r.RolloutCpuSeconds:F1} / {r.FloorCpuSeconds:F1}", "the whole benchmark process (server, webhooks, nodes, operator; the floor: server and webhooks)");
        Row("pods Ready/s", $"{PodsPerSecond(r, s):F1}", $"{PodsPerSecond(r, s) / r.RawWrites.PerSecond:P1} of raw writes/s");
        Row("operator writes/s during rollout", $"{r.Rollout.OperatorWrites / r.SecondsToAllReady:F1}", $"{r.Rollout.OperatorWrites / r.SecondsToAllReady / r.RawWrites.PerSecond:P1} of raw writes/s");
        Row("operator writes per workload", $"{perWorkload:F2}", $"goal <= {goal} ({perWorkload / goal:P0} of goal): pods, status, RuntimeClasses, CA Secret; Events and leases apart");
        Row("operator Event writes per workload", $"{eventsPerWorkload:F2}", $"best-effort, written in the background; with them {perWorkload + eventsPerWorkload:F2} per workload");
        foreach (var (key, count) in r.Rollout.OperatorByResource)
        {
            Row($"  {key}", $"{(double)count / s.Workloads:F2}", $"{count} total");
        }

        foreach (var (controller, count) in r.Reconciles)
        {
            Row($"reconciles {controller}", $"{count}", $"{(double)count / s.Workloads:F2} per workload");
        }

        foreach (var (controller, milliseconds) in r.MeanReconcileMilliseconds)
        {
            Row($"mean reconcile ms {controller}", $"{milliseconds:F2}", $"mean queue wait {r.MeanQueueWaitMilliseconds.GetValueOrDefault(controller):F1} ms");
        }

        Row("steady-state operator writes", $"{r.SteadyState.OperatorWrites}", $"goal 0; {r.SteadyState.OperatorLeaseWrites} lease renewals apart");
        foreach (var (key, count) in r.SteadyState.OperatorByResource)
        {
            Row($"  {key}", $"{count}");
        }

        Row("steady-state writes by client", string.Join(", ", r.SteadyState.ByClient.Select(c => $"{c.Key}={c.Value}")));
        Row("cached objects", $"{r.CachedObjectCount}", string.Join(", ", r.CachedObjects.Where(c => c.Value > 0).Select(c => $"{c.Key}={c.Value}")));
        Row("bytes per cached object", $"{r.BytesPerCachedObject:F0}", $"workloads and pods in 3 fresh informers each, heap after full GCs once synced minus before; {r.CachedBytes / 1048576.0:F1} MB");
        foreach (var kind in r.Memory)
        {
            Row($"  {kind.Kind}", $"{kind.BytesPerObject:F0}", $"{kind.Objects} objects, {kind.Bytes} bytes (GC info heap size: {kind.HeapSizeBytes}){(kind.ScalesWithWorkloads ? string.Empty : "; too few objects, noise")}");
        }
        return table.ToString();
    }

    private static double PodsPerSecond(OperatorBenchmarkResult r, OperatorBenchmarkSettings s) => r.SecondsToAllReady > 0 ? s.Pods / r.SecondsToAllReady : 0;

    private static JsonObject Json(OperatorBenchmarkResult r, OperatorBenchmarkSettings s) => new()
    {
        ["benchmark"] = "operator",
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["machine"] = BenchmarkResultFile.Machine(),
        ["settings"] = new JsonObject { ["workloads"] = s.Workloads, ["replicas"] = s.Replicas, ["namespaces"] = s.Namespaces, ["workers"] = s.Workers, ["steadyStateSeconds"] = s.SteadyState.TotalSeconds },
        ["rawWrites"] = new JsonObject { ["count"] = r.RawWrites.Count, ["perSecond"] = Math.Round(r.RawWrites.PerSecond, 1), ["p50Ms"] = Math.Round(r.RawWrites.P50Milliseconds, 2), ["p99Ms"] = Math.Round(r.RawWrites.P99Milliseconds, 2) },
        ["rollout"] = new JsonObject
        {
            ["readyWorkloads"] = r.ReadyWorkloads,
            ["secondsToAllReady"] = Math.Round(r.SecondsToAllReady, 2),
            ["workloadCreatesPerSecond"] = Math.Round(r.WorkloadCreates.PerSecond, 1),
            ["podsReadyPerSecond"] = Math.Round(PodsPerSecond(r, s), 1),
            ["podsReadyPerSecondOverRawWritesPerSecond"] = Math.Round(PodsPerSecond(r, s) / r.RawWrites.PerSecond, 4),
            ["floorSeconds"] = Math.Round(r.Floor.Seconds, 2),
            ["floorWrites"] = r.Floor.Writes,
            ["floorRefused"] = r.Floor.Failures,
            ["floorConcurrency"] = s.FloorConcurrency,
            ["floorWritesByKind"] = Counts(r.FloorWritesByKind),
            ["writesNotReplayed"] = r.WritesNotReplayed,
            ["rolloutOverFloor"] = Math.Round(r.RolloutOverFloor, 3),
            ["rolloutCpuSeconds"] = Math.Round(r.RolloutCpuSeconds, 2),
            ["floorCpuSeconds"] = Math.Round(r.FloorCpuSeconds, 2),
            ["operatorWrites"] = r.Rollout.OperatorWrites,
            ["operatorWritesPerSecondOverRawWritesPerSecond"] = Math.Round(r.Rollout.OperatorWrites / r.SecondsToAllReady / r.RawWrites.PerSecond, 4),
            ["operatorWritesPerWorkload"] = Math.Round((double)r.Rollout.OperatorStateWrites / s.Workloads, 3),
            ["operatorEventWritesPerWorkload"] = Math.Round((double)r.Rollout.OperatorEventWrites / s.Workloads, 3),
            ["operatorWritesPerWorkloadWithEvents"] = Math.Round((double)r.Rollout.OperatorWrites / s.Workloads, 3),
            ["goalWritesPerWorkload"] = s.Replicas + 1,
            ["operatorWritesByResource"] = Counts(r.Rollout.OperatorByResource),
            ["operatorLeaseWrites"] = r.Rollout.OperatorLeaseWrites,
            ["writesByClient"] = Counts(r.Rollout.ByClient),
            ["reconciles"] = Counts(r.Reconciles),
            ["meanReconcileMs"] = new JsonObject(r.MeanReconcileMilliseconds.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)Math.Round(c.Value, 3)))),
            ["meanQueueWaitMs"] = new JsonObject(r.MeanQueueWaitMilliseconds.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)Math.Round(c.Value, 3)))),
        },
        ["steadyState"] = new JsonObject
        {
            ["operatorWrites"] = r.SteadyState.OperatorWrites,
            ["goal"] = 0,
            ["operatorWritesByResource"] = Counts(r.SteadyState.OperatorByResource),
            ["operatorLeaseWrites"] = r.SteadyState.OperatorLeaseWrites,
            ["writesByClient"] = Counts(r.SteadyState.ByClient),
        },
        ["memory"] = new JsonObject
        {
            ["cachedObjects"] = r.CachedObjectCount,
            ["cachedObjectsByInformer"] = new JsonObject(r.CachedObjects.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
            ["cachedBytes"] = r.CachedBytes,
            ["bytesPerCachedObject"] = Math.Round(r.BytesPerCachedObject, 0),
            ["byKind"] = new JsonArray(r.Memory.Select(kind => (JsonNode?)new JsonObject
            {
                ["kind"] = kind.Kind,
                ["objects"] = kind.Objects,
                ["bytes"] = kind.Bytes,
                ["heapSizeBytes"] = kind.HeapSizeBytes,
                ["bytesPerObject"] = Math.Round(kind.BytesPerObject, 0),
            }).ToArray()),
            ["method"] = "a fresh set of the operator's informers (same type and options) three informers per kind, started one kind at a time against the same server after the rollout; GC heap after full compacting collections once synced minus before it started, divided by the objects they hold; the per-object figure covers workloads and pods (the other kinds hold too few objects to rise above the noise of the server and nodes in the same process)",
        },
    };

    private static JsonObject Counts(IReadOnlyDictionary<string, long> counts) =>
        new(counts.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value)));
}
