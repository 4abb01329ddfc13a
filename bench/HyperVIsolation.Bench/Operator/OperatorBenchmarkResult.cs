using HyperVIsolation.Bench.Operator.Floor;

namespace HyperVIsolation.Bench.Operator;

/// <summary>Everything one operator benchmark run measured.</summary>
internal sealed record OperatorBenchmarkResult
{
    /// <summary>Raw ConfigMap creates with the operator's client stack and concurrency.</summary>
    public required OperationResult RawWrites { get; init; }

    /// <summary>The benchmark's own workload creates.</summary>
    public required OperationResult WorkloadCreates { get; init; }

    /// <summary>Seconds from the first workload create until every workload was Ready.</summary>
    public required double SecondsToAllReady { get; init; }

    /// <summary>Workloads Ready at the end of the wait.</summary>
    public required int ReadyWorkloads { get; init; }

    /// <summary>Writes from the first create until a few seconds after all were Ready.</summary>
    public required WriteTally Rollout { get; init; }

    /// <summary>The rollout's writes replayed with no operator, scheduler or kubelet logic.</summary>
    public required FloorResult Floor { get; init; }

    /// <summary>CPU time of this whole process (server, webhooks, nodes, operator) from the first create until all were Ready.</summary>
    public required double RolloutCpuSeconds { get; init; }

    /// <summary>CPU time of this whole process while the floor replayed the writes.</summary>
    public required double FloorCpuSeconds { get; init; }

    /// <summary>The replayed writes by <c>method resource</c>.</summary>
    public required IReadOnlyDictionary<string, long> FloorWritesByKind { get; init; }

    /// <summary>Recorded writes about no workload (leases, node heartbeats, RuntimeClasses, the CA Secret): not replayed.</summary>
    public required int WritesNotReplayed { get; init; }

    /// <summary>Time to all Ready over the floor's time (goal: at most 1.5).</summary>
    public double RolloutOverFloor => Floor.Seconds > 0 ? SecondsToAllReady / Floor.Seconds : 0;

    /// <summary>The operator's reconciles during the rollout, by <c>controller/result</c>.</summary>
    public required IReadOnlyDictionary<string, long> Reconciles { get; init; }

    /// <summary>Mean reconcile duration during the rollout in milliseconds, by controller.</summary>
    public required IReadOnlyDictionary<string, double> MeanReconcileMilliseconds { get; init; }

    /// <summary>Mean time a key waited in the queue during the rollout in milliseconds, by controller.</summary>
    public required IReadOnlyDictionary<string, double> MeanQueueWaitMilliseconds { get; init; }

    /// <summary>Writes while nothing changed (watches dropped, history compacted: informers re-watch and relist).</summary>
    public required WriteTally SteadyState { get; init; }

    /// <summary>Objects in the operator's informers.</summary>
    public required IReadOnlyDictionary<string, int> CachedObjects { get; init; }

    /// <summary>What a fresh set of the operator's informers added to the heap, per kind (see <see cref="CachedObjectMemory"/>).</summary>
    public required IReadOnlyList<CachedKindMemory> Memory { get; init; }

    /// <summary>Total objects in the operator's informers.</summary>
    public int CachedObjectCount => CachedObjects.Values.Sum();

    /// <summary>Heap bytes the measured workload and pod informers added (the kinds that grow with the workloads).</summary>
    public long CachedBytes => Memory.Where(kind => kind.ScalesWithWorkloads).Sum(kind => kind.Bytes);

    /// <summary>Heap bytes per workload or pod held by the measured informers.</summary>
    public double BytesPerCachedObject => Memory.Where(kind => kind.ScalesWithWorkloads).Sum(kind => kind.Objects) is > 0 and var objects ? (double)CachedBytes / objects : 0;
}
