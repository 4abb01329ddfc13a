using System.Globalization;
using HyperVIsolation.NodeAgent.Inspection;

namespace HyperVIsolation.NodeAgent.Capacity;

/// <summary>
/// How many Hyper-V utility VMs a host advertises as <c>isolation.hyperv.dev/vm</c>: memory bounds every host
/// (memory above the host's reserve, divided by the smallest VM), and a Standard licence covers two Hyper-V
/// containers on top of that. Datacenter licenses unlimited ones, so memory alone decides there. An edition the
/// agent does not recognise gets the Standard rule: two is the least any Windows Server licence grants. Pure.
/// </summary>
/// <param name="Vms">The VMs to advertise (0 when the host's memory does not cover its reserve).</param>
/// <param name="Basis">Which limit decided, for logs and Events.</param>
public sealed record VmCapacity(long Vms, string Basis)
{
    private const long BytesPerMiB = 1024 * 1024;

    /// <summary>The capacity of the host <paramref name="facts"/> describe.</summary>
    public static VmCapacity For(HostFacts facts, VmCapacityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(policy);
        var memoryMiB = facts.MemoryBytes / BytesPerMiB;
        var byMemory = Math.Max(0, (memoryMiB - policy.HostReserveMiB) / policy.SmallestVmMiB);
        var memoryBasis = Invariant($"{memoryMiB} MiB of memory less a {policy.HostReserveMiB} MiB host reserve holds {byMemory} VMs of {policy.SmallestVmMiB} MiB");
        if (IsDatacenter(facts.Edition))
        {
            return new VmCapacity(byMemory, $"Datacenter: {memoryBasis}");
        }

        var licence = IsStandard(facts.Edition) ? "a Standard licence" : $"edition {facts.Edition} (not recognised: the Standard rule)";
        return byMemory < policy.StandardLicenceVms
            ? new VmCapacity(byMemory, memoryBasis)
            : new VmCapacity(policy.StandardLicenceVms, Invariant($"{licence} covers {policy.StandardLicenceVms} Hyper-V containers"));
    }

    // EditionID values: ServerDatacenter, ServerDatacenterEval, ServerTurbine (Datacenter: Azure Edition), ServerStandard, ServerStandardEval.
    private static bool IsDatacenter(string edition) =>
        edition.Contains("Datacenter", StringComparison.OrdinalIgnoreCase) || edition.Equals("ServerTurbine", StringComparison.OrdinalIgnoreCase);

    private static bool IsStandard(string edition) => edition.Contains("Standard", StringComparison.OrdinalIgnoreCase);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
