using HyperVIsolation.NodeAgent.Hcs.Schema;

namespace HyperVIsolation.SimulatedNodes.Hcs;

/// <summary>One simulated compute system's mutable state; guarded by the owning service's lock.</summary>
internal sealed class SimulatedComputeSystem
{
    public required string Id { get; init; }

    public required string SandboxId { get; init; }

    public required Guid RuntimeId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public string SystemType { get; init; } = HcsSystemTypes.VirtualMachine;

    public string Owner { get; init; } = HcsOwners.RunhcsShim;

    public string State { get; set; } = HcsSystemStates.Running;

    public required UtilityVmSize Size { get; set; }

    public ulong PeakCommitBytes { get; set; }

    public ComputeSystemSummary ToSummary() => new()
    {
        Id = Id,
        SystemType = SystemType,
        Name = Id,
        Owner = Owner,
        RuntimeId = RuntimeId,
        RuntimeOsType = "Windows",
        State = State,
        Stopped = State == HcsSystemStates.Stopped ? true : null,
    };
}
