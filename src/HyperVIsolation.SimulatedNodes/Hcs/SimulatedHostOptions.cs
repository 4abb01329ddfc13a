using HyperVIsolation.Api.Windows;

namespace HyperVIsolation.SimulatedNodes.Hcs;

/// <summary>The simulated Windows host a <see cref="SimulatedHostComputeService"/> runs on.</summary>
public sealed record SimulatedHostOptions
{
    /// <summary>The host's Windows build; live CPU-limit changes need 19042 or later, as on real hosts.</summary>
    public WindowsBuild Build { get; init; } = WindowsBuild.Ltsc2022;

    /// <summary>Logical processors; VM processor counts are capped here.</summary>
    public int LogicalProcessorCount { get; init; } = 8;

    /// <summary>Memory available to utility VMs, in MB; creating or growing past it fails with out-of-memory.</summary>
    public ulong MemoryMb { get; init; } = 32768;

    /// <summary>Share of each virtual processor a VM keeps busy, before its CPU limit applies.</summary>
    public double CpuUtilization { get; init; } = 0.05;

    /// <summary>Committed memory right after boot, in MB (Nano Server is far smaller than Server Core).</summary>
    public ulong GuestBaseMemoryMb { get; init; } = 300;

    /// <summary>Committed memory growth per minute of uptime, in MB, capped below the VM size.</summary>
    public ulong GuestMemoryGrowthMbPerMinute { get; init; } = 2;
}
