namespace HyperVIsolation.Bench.NodeAgent;

/// <summary>One run of the node agent benchmark at one pod count.</summary>
/// <param name="Pods">Pods on the node, each verified by the agent.</param>
/// <param name="Verified">Pods whose <c>vm-verified</c> condition became True within the time limit.</param>
/// <param name="SandboxToVerifiedP50Ms">Median time from the pod's sandbox being reported ready to its VM being verified.</param>
/// <param name="SandboxToVerifiedP99Ms">99th percentile of the same.</param>
/// <param name="AgentCpuMsPerSecond">CPU the agent adds to the process per second of steady state (the window with it minus the window without it).</param>
/// <param name="AgentRetainedMb">Managed memory the agent keeps (heap after a full collection with it, minus without it).</param>
/// <param name="WindowSeconds">Length of each steady-state window.</param>
internal sealed record AgentBenchmarkResult(
    int Pods,
    int Verified,
    double SandboxToVerifiedP50Ms,
    double SandboxToVerifiedP99Ms,
    double AgentCpuMsPerSecond,
    double AgentRetainedMb,
    double WindowSeconds);
