namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>The containerd service: Windows service control for real (<see cref="WindowsContainerdService"/>), the simulated node's containerd in tests.</summary>
public interface IContainerdService
{
    /// <summary>Restarts containerd so it reads its configuration again; returns once the restart was requested (CRI is briefly unavailable after it).</summary>
    Task RestartAsync(CancellationToken cancellationToken);
}
