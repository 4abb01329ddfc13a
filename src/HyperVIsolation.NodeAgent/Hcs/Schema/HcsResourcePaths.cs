namespace HyperVIsolation.NodeAgent.Hcs.Schema;

/// <summary>Values of <see cref="ModifySettingRequest.ResourcePath"/> the node agent uses.</summary>
public static class HcsResourcePaths
{
    /// <summary>Utility VM memory size in MB; <c>Settings</c> is a number.</summary>
    public const string MemorySizeInMb = "VirtualMachine/ComputeTopology/Memory/SizeInMB";

    /// <summary>Utility VM CPU limits; <c>Settings</c> is a <see cref="ProcessorLimits"/> object.</summary>
    public const string ProcessorLimits = "VirtualMachine/ComputeTopology/Processor/Limits";
}
