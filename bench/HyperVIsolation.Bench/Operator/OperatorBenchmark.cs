using System.Diagnostics;
using HyperVIsolation.Bench.Operator.Floor;

namespace HyperVIsolation.Bench.Operator;

/// <summary>
/// Raw API write throughput, then the operator rolling out N workloads on simulated nodes: time to all
/// Ready, server-side writes per workload, writes in a steady state with forced re-watches and
/// relists, and heap per cached object (a fresh set of informers), all in one process and one run.
/// </summary>
internal static class OperatorBenchmark
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    /// <summary>Runs every phase, printing progress.</summary>
    public static async Task<OperatorBenchmarkResult> RunAsync(OperatorBenchmarkSettings settings, CancellationToken cancellationToken)
    {
        await using var cluster = await InProcessCluster.StartServerAsync(settings.Pods * 4, cancellationToken);
        var bench = cluster.Client(BenchClients.Bench);

        Console.WriteLine($"[1/6] raw writes: {settings.Pods} ConfigMap creates, {settings.Workers} in flight (the operator's workers)");
        var raw = await RawWriteThroughput.MeasureAsync(cluster.Client(BenchClients.Operator), settings.Pods, settings.Workers, cancellationToken);
        Console.WriteLine($"  {raw.PerSecond:F0} writes/s (p50 {raw.P50Milliseconds:F1} ms)");

        Console.WriteLine("[2/6] CRDs, simulated nodes, operator");
        await cluster.InstallCrdsAsync(settings.RepositoryRoot, cancellationToken);
        await cluster.StartNodesAsync(settings.Pods, settings.PodsPerNode, cancellationToken);
        await WorkloadRollout.CreateNamespacesAsync(bench, settings.Namespaces, cancellationToken);
        await cluster.StartOperatorAsync(settings.Workers, cancellationToken);

        Console.WriteLine($"[3/6] rollout: {settings.Workloads} workloads x {settings.Replicas} replicas in {settings.Namespaces} namespaces");
        var requests = cluster.Server.Requests;
        requests.Reset();
        requests.Enabled = true;
        cluster.Recorder.Enabled = true;
        using var reconciles = new ReconcileStatistics();
        var clock = Stopwatch.StartNew();
        var cpuBefore = ProcessCpu();
        var creates = await WorkloadRollout.CreateAsync(bench, settings, cancellationToken);
        Console.WriteLine($"  created in {creates.Seconds:F1} s");
        var ready = await WorkloadRollout.WaitForReadyAsync(bench, settings.Workloads, settings.ReadyTimeout, cancellationToken);
        var toReady = clock.Elapsed.TotalSeconds;
        var rolloutCpu = ProcessCpu() - cpuBefore;
        Console.WriteLine($"  {ready}/{settings.Workloads} Ready after {toReady:F1} s");
        await Task.Delay(Settle, cancellationToken);
        cluster.Recorder.Enabled = false;
        var rollout = WriteTally.From(requests.Snapshot());
        var reconcileCounts = reconciles.Reconciles;
        var reconcileMilliseconds = reconciles.MeanReconcileMilliseconds;
        var queueWaitMilliseconds = reconciles.MeanQueueWaitMilliseconds;
        reconciles.Dispose();

        var chains = FloorChains.Group(cluster.Recorder.Writes);
        Console.WriteLine($"[4/6] floor: the rollout's {chains.ChainedWrites} writes of {chains.Chains.Count} workloads replayed against a fresh server with the same webhooks, {settings.FloorConcurrency} workloads at a time ({chains.Apart.Count} writes about no workload not replayed)");
        FloorResult floor;
        await using (var floorServer = await FloorServer.StartAsync(bench, settings.RepositoryRoot, settings.Pods * 4, cancellationToken))
        {
            cpuBefore = ProcessCpu();
            floor = await RolloutFloor.ReplayAsync(floorServer.Http, chains, settings.FloorConcurrency, cancellationToken);
        }

        var floorCpu = ProcessCpu() - cpuBefore;
        Console.WriteLine($"  process CPU: rollout {rolloutCpu.TotalSeconds:F1} s over {toReady:F1} s, floor {floorCpu.TotalSeconds:F1} s over {floor.Seconds:F1} s");

        Console.WriteLine($"  {floor.Seconds:F1} s ({floor.WritesPerSecond:F0} writes/s, {floor.Failures} refused{(floor.FirstFailure is null ? string.Empty : $"; first: {floor.FirstFailure}")}); rollout / floor = {toReady / floor.Seconds:F2}");

        Console.WriteLine($"[5/6] steady state for {settings.SteadyState.TotalSeconds:F0} s: watches dropped, then history compacted and dropped again (relists)");
        requests.Reset();
        cluster.Server.Faults.DropAllWatches();
        await Task.Delay(settings.SteadyState / 2, cancellationToken);
        cluster.Server.Faults.CompactHistory();
        cluster.Server.Faults.DropAllWatches();
        await Task.Delay(settings.SteadyState / 2, cancellationToken);
        var steady = WriteTally.From(requests.Snapshot());
        requests.Enabled = false;

        Console.WriteLine("[6/6] memory: a fresh set of the operator's informers, heap before each starts and once it has synced");
        var cached = CachedObjectMemory.CachedObjects(cluster.OperatorHost!);
        var memory = await CachedObjectMemory.MeasureAsync(cluster.Client(BenchClients.Bench), cancellationToken);
        foreach (var kind in memory)
        {
            Console.WriteLine($"  {kind.Kind}: {kind.Objects} objects, {kind.Bytes} bytes, {kind.BytesPerObject:F0} bytes/object");
        }

        return new OperatorBenchmarkResult
        {
            RawWrites = raw,
            WorkloadCreates = creates,
            SecondsToAllReady = toReady,
            ReadyWorkloads = ready,
            Rollout = rollout,
            Floor = floor,
            RolloutCpuSeconds = rolloutCpu.TotalSeconds,
            FloorCpuSeconds = floorCpu.TotalSeconds,
            FloorWritesByKind = chains.ChainedByKind(),
            WritesNotReplayed = chains.Apart.Count,
            Reconciles = reconcileCounts,
            MeanReconcileMilliseconds = reconcileMilliseconds,
            MeanQueueWaitMilliseconds = queueWaitMilliseconds,
            SteadyState = steady,
            CachedObjects = cached,
            Memory = memory,
        };
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
