using System.Globalization;
using HyperVIsolation.Api;

namespace HyperVIsolation.NodeAgent.Verification;

/// <summary>
/// Compares a pod's utility VM with what the pod asked for. Memory is what HCS reports for a running VM
/// (<c>Memory.VirtualMachineMemory.AssignedMemory</c>); HCS exposes no per-VM processor count, so processors are not
/// compared: a VM that lost its annotations on the way to hcsshim loses all of them, and memory shows it. Pure.
/// </summary>
public static class PodVmVerifier
{
    /// <summary>The verdict for a pod whose sandbox is running.</summary>
    /// <param name="expectation">What the pod asked for.</param>
    /// <param name="observation">The pod's utility VM, or <see langword="null"/> when HCS has none for its sandbox.</param>
    /// <param name="sandboxId">The pod's running sandbox.</param>
    public static PodVmVerdict Decide(PodVmExpectation expectation, VmObservation? observation, string sandboxId)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        ArgumentException.ThrowIfNullOrWhiteSpace(sandboxId);
        if (observation is null)
        {
            return new PodVmVerdict(
                false,
                VmVerification.ReasonNotFound,
                $"sandbox {Short(sandboxId)} runs without a utility VM: its runtime handler is not Hyper-V isolated");
        }

        if (expectation.MemoryMb is not { } expected)
        {
            return new PodVmVerdict(true, VmVerification.ReasonVerified, $"utility VM {Short(observation.Id)} is running");
        }

        if (observation.MemoryMb is not { } observed)
        {
            return new PodVmVerdict(
                false,
                VmVerification.ReasonSizeMismatch,
                Invariant($"HCS reports no memory for utility VM {Short(observation.Id)}; the pod asked for {expected} MB"));
        }

        return observed == expected
            ? new PodVmVerdict(true, VmVerification.ReasonVerified, Invariant($"utility VM {Short(observation.Id)} has {observed} MB, as annotated"))
            : new PodVmVerdict(
                false,
                VmVerification.ReasonSizeMismatch,
                Invariant($"utility VM {Short(observation.Id)} has {observed} MB, the pod asked for {expected} MB: containerd likely dropped the {HcsAnnotations.VirtualMachinePrefix}* annotations (check the runtime handler's pod_annotations allow-list on this node)"));
    }

    // Sandbox ids are 64 hex characters; the first 13 identify one in a message, as crictl prints them.
    private static string Short(string id)
    {
        var suffix = id.EndsWith("@vm", StringComparison.Ordinal) ? "@vm" : string.Empty;
        var sandbox = id[..^suffix.Length];
        return (sandbox.Length > 13 ? sandbox[..13] : sandbox) + suffix;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
