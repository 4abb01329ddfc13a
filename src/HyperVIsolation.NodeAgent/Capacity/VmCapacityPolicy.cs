using System.Globalization;

namespace HyperVIsolation.NodeAgent.Capacity;

/// <summary>
/// The numbers <see cref="VmCapacity"/> counts utility VMs with. The defaults are planning numbers: measure on
/// your hosts and override them.
/// </summary>
public sealed record VmCapacityPolicy
{
    /// <summary>
    /// Memory kept for the host: Windows Server itself (512 MiB minimum for Server Core), kubelet, kube-proxy,
    /// containerd, the CNI and this agent. 2 GiB by default.
    /// </summary>
    public long HostReserveMiB { get; init; } = 2048;

    /// <summary>
    /// The smallest utility VM a pod can get: the Nano Server guest's memory floor (the operator's sizer never
    /// sizes a VM below its guest OS footprint, and Nano Server's, 512 MiB, is the smallest). Counting with the
    /// smallest VM makes the count an upper bound that never refuses a pod memory could hold; the scheduler
    /// accounts each VM's real size through the RuntimeClass overhead and the pod's requests.
    /// </summary>
    public long SmallestVmMiB { get; init; } = 512;

    /// <summary>Hyper-V containers one Windows Server Standard licence covers (two; more licences stack, which the host cannot tell).</summary>
    public int StandardLicenceVms { get; init; } = 2;

    /// <summary>Every problem with these numbers; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (HostReserveMiB < 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Capacity.HostReserveMiB is {HostReserveMiB}; it must not be negative."));
        }

        if (SmallestVmMiB < 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Capacity.SmallestVmMiB is {SmallestVmMiB}; it must be at least 1."));
        }

        if (StandardLicenceVms < 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Capacity.StandardLicenceVms is {StandardLicenceVms}; it must not be negative."));
        }

        return errors;
    }
}
