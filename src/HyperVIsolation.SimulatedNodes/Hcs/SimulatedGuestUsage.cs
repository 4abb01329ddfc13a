using HyperVIsolation.NodeAgent.Hcs.Schema;

namespace HyperVIsolation.SimulatedNodes.Hcs;

/// <summary>
/// Plausible, deterministic counters for a simulated utility VM, derived only from its uptime, size
/// and the host settings, so tests that advance a fake clock see them move predictably.
/// </summary>
internal static class SimulatedGuestUsage
{
    private const ulong BytesPerMb = 1024 * 1024;
    private const ulong StorageBlockBytes = 64 * 1024;

    public static Statistics Statistics(SimulatedComputeSystem system, SimulatedHostOptions host, DateTimeOffset now)
    {
        var uptime = Uptime(system, now);
        var limitShare = system.Size.ProcessorLimit / (double)UtilityVmSizing.DefaultProcessorLimit;
        var total = (ulong)(uptime.Ticks * system.Size.ProcessorCount * host.CpuUtilization * limitShare);
        var user = total * 7 / 10;
        var commit = CommitBytes(system, host, uptime);
        system.PeakCommitBytes = Math.Max(system.PeakCommitBytes, commit);
        var seconds = (ulong)uptime.TotalSeconds;
        return new Statistics
        {
            Timestamp = now,
            ContainerStartTime = system.StartedAt,
            Uptime100ns = (ulong)uptime.Ticks,
            Processor = new ProcessorStats { TotalRuntime100ns = total, RuntimeUser100ns = user, RuntimeKernel100ns = total - user },
            Memory = new MemoryStats
            {
                MemoryUsageCommitBytes = commit,
                MemoryUsageCommitPeakBytes = system.PeakCommitBytes,
                MemoryUsagePrivateWorkingSetBytes = commit * 8 / 10,
            },
            Storage = new StorageStats
            {
                ReadSizeBytes = seconds * StorageBlockBytes,
                ReadCountNormalized = seconds,
                WriteSizeBytes = seconds * StorageBlockBytes / 2,
                WriteCountNormalized = seconds / 2,
            },
        };
    }

    public static MemoryInformationForVm Memory(SimulatedComputeSystem system, SimulatedHostOptions host, DateTimeOffset now)
    {
        var commitMb = CommitBytes(system, host, Uptime(system, now)) / BytesPerMb;
        var pages = system.Size.MemoryMb * BytesPerMb / VmMemory.BytesPerPage;
        return new MemoryInformationForVm
        {
            VirtualNodeCount = 1,
            VirtualMachineMemory = new VmMemory
            {
                AssignedMemory = pages,
                ReservedMemory = pages,
                AvailableMemory = (int)(system.Size.MemoryMb - commitMb),
            },
        };
    }

    private static TimeSpan Uptime(SimulatedComputeSystem system, DateTimeOffset now) =>
        now > system.StartedAt ? now - system.StartedAt : TimeSpan.Zero;

    // Grows with uptime but stays below 90% of the VM, like a guest that settles after boot.
    private static ulong CommitBytes(SimulatedComputeSystem system, SimulatedHostOptions host, TimeSpan uptime)
    {
        var grownMb = host.GuestBaseMemoryMb + (host.GuestMemoryGrowthMbPerMinute * (ulong)uptime.TotalMinutes);
        var ceilingMb = system.Size.MemoryMb * 9 / 10;
        return Math.Min(grownMb, ceilingMb) * BytesPerMb;
    }
}
