namespace HyperVIsolation.Bench.Startup;

/// <summary>Bounds of a start-up benchmark run.</summary>
internal sealed record StartupBenchmarkSettings
{
    /// <summary>How many times the operator process is started.</summary>
    public int Runs { get; init; } = 5;

    /// <summary>IsolatedWorkloads in the cluster when the operator starts (its workload informer lists them).</summary>
    public int Workloads { get; init; } = 1000;

    /// <summary>The operator's assembly started (by default the build next to the benchmark's; a ReadyToRun publish to compare).</summary>
    public string OperatorAssembly { get; init; } = OperatorProcess.DefaultAssembly;

    /// <summary>The repository (its <c>config/crd</c> is installed).</summary>
    public string RepositoryRoot { get; init; } = ".";

    /// <summary>Where JSON and table results go (git-ignored).</summary>
    public string OutputDirectory { get; init; } = "bench/results";

    /// <summary>Goal for process start to synced and leading.</summary>
    public TimeSpan Goal { get; init; } = TimeSpan.FromSeconds(1);
}
