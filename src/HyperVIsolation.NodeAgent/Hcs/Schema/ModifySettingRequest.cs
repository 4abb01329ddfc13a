using System.Text.Json;

namespace HyperVIsolation.NodeAgent.Hcs.Schema;

/// <summary>The settings document of <c>HcsModifyComputeSystem</c>.</summary>
public sealed record ModifySettingRequest
{
    /// <summary>What to change, see <see cref="HcsResourcePaths"/>.</summary>
    public required string ResourcePath { get; init; }

    /// <summary><c>Add</c>, <c>Remove</c> or <c>Update</c> (see <see cref="ModifyRequestTypes"/>); HCS treats absent as Update for sizes and limits.</summary>
    public string? RequestType { get; init; }

    /// <summary>The new value: a number for memory size, a <see cref="ProcessorLimits"/> object for CPU limits.</summary>
    public JsonElement? Settings { get; init; }

    /// <summary>Live-resizes utility VM memory (<c>VirtualMachine/ComputeTopology/Memory/SizeInMB</c>).</summary>
    public static ModifySettingRequest MemorySize(ulong sizeInMb) => new()
    {
        ResourcePath = HcsResourcePaths.MemorySizeInMb,
        RequestType = ModifyRequestTypes.Update,
        Settings = JsonSerializer.SerializeToElement(sizeInMb, HcsJsonContext.Default.UInt64),
    };

    /// <summary>Changes utility VM CPU limits (<c>VirtualMachine/ComputeTopology/Processor/Limits</c>; build 19042 and later).</summary>
    public static ModifySettingRequest ProcessorLimits(ProcessorLimits limits) => new()
    {
        ResourcePath = HcsResourcePaths.ProcessorLimits,
        RequestType = ModifyRequestTypes.Update,
        Settings = JsonSerializer.SerializeToElement(limits, HcsJsonContext.Default.ProcessorLimits),
    };
}
