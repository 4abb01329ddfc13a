namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>How a pod's containers are isolated from the host.</summary>
public enum IsolationMode
{
    /// <summary>Each pod runs in its own Hyper-V utility VM (the default and the secure choice).</summary>
    HyperV,

    /// <summary>Containers share the host kernel; allowed only where an IsolationPolicy allows it.</summary>
    Process,
}
