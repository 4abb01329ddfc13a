namespace HyperVIsolation.NodeAgent.Hcs.Schema;

/// <summary>Values of the HCS <c>SystemType</c> field.</summary>
public static class HcsSystemTypes
{
    /// <summary>A utility VM (Hyper-V isolation).</summary>
    public const string VirtualMachine = "VirtualMachine";

    /// <summary>A container (process isolated, or running inside a utility VM).</summary>
    public const string Container = "Container";
}
