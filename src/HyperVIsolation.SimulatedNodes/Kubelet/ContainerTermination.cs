namespace HyperVIsolation.SimulatedNodes.Kubelet;

/// <summary>How a container instance ended.</summary>
internal sealed record ContainerTermination(int ExitCode, string Reason, DateTimeOffset StartedAt, DateTimeOffset FinishedAt);
