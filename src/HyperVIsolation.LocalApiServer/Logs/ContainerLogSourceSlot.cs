namespace HyperVIsolation.LocalApiServer.Logs;

/// <summary>The container log source, set once the nodes it reads from exist (none until then).</summary>
public sealed class ContainerLogSourceSlot
{
    /// <summary>The source, or null when no kubelet is attached.</summary>
    public IContainerLogSource? Source { get; set; }
}
