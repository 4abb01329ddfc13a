namespace HyperVIsolation.NodeAgent.Inspection;

/// <summary>Reads the host's facts: the Windows registry and services for real (<see cref="WindowsHostInspector"/>), the simulated node in tests.</summary>
public interface IHostInspector
{
    /// <summary>Inspects the host now (facts change: Hyper-V can be removed, containerd upgraded).</summary>
    Task<HostFacts> InspectAsync(CancellationToken cancellationToken);
}
