namespace HyperVIsolation.SimulatedNodes.Kubelet;

/// <summary>The simulated kubelet's memory of one container of a pod.</summary>
internal sealed class ContainerRuntimeRecord
{
    public required string Name { get; init; }

    public required string Image { get; init; }

    public required string Id { get; set; }

    public bool IsInit { get; init; }

    public ContainerStage Stage { get; set; } = ContainerStage.Creating;

    public int RestartCount { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public PodStartupError? StartError { get; set; }

    public ContainerTermination? Terminated { get; set; }

    public ContainerTermination? LastTerminated { get; set; }

    public DateTimeOffset? BackOffUntil { get; set; }
}
