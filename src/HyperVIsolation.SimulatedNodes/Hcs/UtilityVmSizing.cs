using System.Globalization;
using HyperVIsolation.Api;
using HyperVIsolation.NodeAgent.Containerd;

namespace HyperVIsolation.SimulatedNodes.Hcs;

/// <summary>
/// hcsshim's sizing of a Windows utility VM, as a pure function: annotations that reached the shim
/// win, then the handler's options, then 1024 MB / 2 vCPU (1 vCPU on a 1-CPU host). Odd memory is
/// rounded up to even; the processor count is capped at the host's logical processors. A value that
/// does not parse is ignored (hcsshim logs it and uses the default), which is another silent path
/// to a default-sized VM.
/// </summary>
public static class UtilityVmSizing
{
    /// <summary>hcsshim's default CPU limit (100%).</summary>
    public const int DefaultProcessorLimit = 100000;

    /// <summary>hcsshim's default CPU weight.</summary>
    public const int DefaultProcessorWeight = 100;

    /// <summary>Computes the VM size.</summary>
    /// <param name="shimAnnotations">Pod annotations after containerd's allow-list.</param>
    /// <param name="handlerOptions">The runtime handler's options, if any.</param>
    /// <param name="hostLogicalProcessors">The host's logical processor count.</param>
    public static UtilityVmSize Size(
        IReadOnlyDictionary<string, string> shimAnnotations, RunhcsOptions? handlerOptions, int hostLogicalProcessors)
    {
        ArgumentNullException.ThrowIfNull(shimAnnotations);
        ArgumentOutOfRangeException.ThrowIfLessThan(hostLogicalProcessors, 1);

        var memory = ParseUInt64(shimAnnotations, HcsAnnotations.MemorySizeInMb)
            ?? PositiveOrNull(handlerOptions?.VmMemorySizeInMb)
            ?? (ulong)HcsAnnotations.DefaultMemoryMb;
        memory += memory % 2;

        var defaultProcessors = hostLogicalProcessors == 1 ? 1 : HcsAnnotations.DefaultProcessorCount;
        var processors = ParseInt32(shimAnnotations, HcsAnnotations.ProcessorCount, 1, int.MaxValue)
            ?? (handlerOptions?.VmProcessorCount is > 0 and <= int.MaxValue ? (int)handlerOptions.VmProcessorCount.Value : defaultProcessors);
        processors = Math.Min(processors, hostLogicalProcessors);

        var limit = ParseInt32(shimAnnotations, HcsAnnotations.ProcessorLimit, 1, DefaultProcessorLimit) ?? DefaultProcessorLimit;
        var weight = ParseInt32(shimAnnotations, HcsAnnotations.ProcessorWeight, 0, 10000) ?? DefaultProcessorWeight;
        return new UtilityVmSize(memory, processors, limit, weight);
    }

    private static ulong? PositiveOrNull(long? value) => value is > 0 ? (ulong)value.Value : null;

    private static ulong? ParseUInt64(IReadOnlyDictionary<string, string> annotations, string key) =>
        annotations.TryGetValue(key, out var text)
        && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
        && value > 0
            ? value
            : null;

    private static int? ParseInt32(IReadOnlyDictionary<string, string> annotations, string key, int min, int max) =>
        annotations.TryGetValue(key, out var text)
        && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
        && value >= min && value <= max
            ? value
            : null;
}
