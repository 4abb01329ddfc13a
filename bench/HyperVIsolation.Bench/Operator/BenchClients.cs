namespace HyperVIsolation.Bench.Operator;

/// <summary>The client names (User-Agent products) the request counter groups writes by.</summary>
internal static class BenchClients
{
    /// <summary>The operator host's client.</summary>
    public const string Operator = "hyperv-isolation-operator";

    /// <summary>Scheduler, kubelets and heartbeats of the simulated nodes.</summary>
    public const string Nodes = "simulated-nodes";

    /// <summary>The benchmark itself (workload creates, raw writes, readiness polls).</summary>
    public const string Bench = "bench";
}
