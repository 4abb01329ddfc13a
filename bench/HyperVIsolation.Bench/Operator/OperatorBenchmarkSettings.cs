namespace HyperVIsolation.Bench.Operator;

/// <summary>Bounds of an operator benchmark run.</summary>
internal sealed record OperatorBenchmarkSettings
{
    /// <summary>IsolatedWorkloads created.</summary>
    public int Workloads { get; init; } = 1000;

    /// <summary>Replicas of each workload.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Namespaces the workloads are spread over.</summary>
    public int Namespaces { get; init; } = 4;

    /// <summary>Operator reconcile workers; the raw write phase uses as many requests in flight.</summary>
    public int Workers { get; init; } = 5;

    /// <summary>Requests in flight while the benchmark creates the workloads.</summary>
    public int CreateConcurrency { get; init; } = 8;

    /// <summary>Workloads whose recorded writes the floor replays at a time.</summary>
    public int FloorConcurrency { get; init; } = 8;

    /// <summary>How long the steady state is watched (watches dropped at its start, history compacted half-way).</summary>
    public TimeSpan SteadyState { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Limit for the workloads to become Ready.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>The repository (its <c>config/crd</c> is installed).</summary>
    public string RepositoryRoot { get; init; } = ".";

    /// <summary>Where JSON and table results go (git-ignored).</summary>
    public string OutputDirectory { get; init; } = "bench/results";

    /// <summary>Pods each simulated node accepts; nodes are added to fit every replica.</summary>
    public int PodsPerNode { get; init; } = 110;

    /// <summary>Pods the operator creates in total.</summary>
    public int Pods => Workloads * Replicas;
}
