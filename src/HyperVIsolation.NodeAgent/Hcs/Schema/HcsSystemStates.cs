namespace HyperVIsolation.NodeAgent.Hcs.Schema;

/// <summary>Values of the HCS <c>State</c> field.</summary>
public static class HcsSystemStates
{
    /// <summary>Created, not started.</summary>
    public const string Created = "Created";

    /// <summary>Running.</summary>
    public const string Running = "Running";

    /// <summary>Paused.</summary>
    public const string Paused = "Paused";

    /// <summary>Stopped.</summary>
    public const string Stopped = "Stopped";
}
