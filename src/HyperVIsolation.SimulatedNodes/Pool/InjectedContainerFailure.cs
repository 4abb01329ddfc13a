namespace HyperVIsolation.SimulatedNodes.Pool;

/// <summary>A container crash to inject on a simulated node.</summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="PodName">The pod's name.</param>
/// <param name="ContainerName">The container that exits.</param>
/// <param name="ExitCode">Its exit code (non-zero for a failure).</param>
public sealed record InjectedContainerFailure(string Namespace, string PodName, string ContainerName, int ExitCode);
