namespace HyperVIsolation.SimulatedNodes.Kubelet;

/// <summary>Why a pod's sandbox or a container cannot start, as kubelet reports it.</summary>
/// <param name="Reason">The container waiting reason, e.g. <c>RunContainerError</c>.</param>
/// <param name="Message">The runtime's error text.</param>
public sealed record PodStartupError(string Reason, string Message);
