using System.ComponentModel.DataAnnotations;

namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>
/// Explicit utility-VM settings. Anything left out is computed from the containers' resources and
/// the OS flavor; policy caps apply either way.
/// </summary>
public sealed class UtilityVmOverrides
{
    /// <summary>VM memory in MiB (odd values are rounded up to even, as hcsshim does).</summary>
    [Range(256, 1048576)]
    public long? MemoryMiB { get; set; }

    /// <summary>Virtual processors of the VM.</summary>
    [Range(1, 64)]
    public int? ProcessorCount { get; set; }

    /// <summary>CPU cap of the VM in 1/1000 of a percent of its processors (100000 = no cap).</summary>
    [Range(1, 100000)]
    public int? ProcessorLimit { get; set; }

    /// <summary>Relative CPU weight against other VMs on the host (default 100).</summary>
    [Range(0, 10000)]
    public int? ProcessorWeight { get; set; }

    /// <summary>Storage I/O operations per second cap (0 = platform default).</summary>
    [Range(0, int.MaxValue)]
    public int? StorageIopsMaximum { get; set; }

    /// <summary>Storage bandwidth cap in bytes per second (0 = platform default).</summary>
    [Range(0, int.MaxValue)]
    public int? StorageBandwidthMaximum { get; set; }

    /// <summary>Back VM memory with the host pagefile so it can be overcommitted (hcsshim default true).</summary>
    public bool? AllowOvercommit { get; set; }
}
