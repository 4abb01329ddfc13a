using System.Globalization;
using HyperVIsolation.Api;
using k8s.Models;

namespace HyperVIsolation.NodeAgent.Verification;

/// <summary>What a pod asked of its utility VM, as far as HCS lets the agent check it.</summary>
/// <param name="MemoryMb">The VM memory the annotation asked for (rounded up to even, as hcsshim does); <see langword="null"/> when the pod names none.</param>
public sealed record PodVmExpectation(ulong? MemoryMb)
{
    /// <summary>
    /// The expectation of a pod the agent verifies: one that carries the VM-verified readiness gate or asks for a VM
    /// size through <see cref="HcsAnnotations.MemorySizeInMb"/>; <see langword="null"/> for any other pod.
    /// </summary>
    public static PodVmExpectation? For(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var gated = pod.Spec?.ReadinessGates?.Any(gate => gate?.ConditionType == VmVerification.ConditionType) == true;
        string? memoryText = null;
        var annotated = pod.Metadata?.Annotations?.TryGetValue(HcsAnnotations.MemorySizeInMb, out memoryText) == true;
        if (!gated && !annotated)
        {
            return null;
        }

        // A value hcsshim cannot parse is ignored there (default size); expecting nothing here reports the VM as it is.
        return ulong.TryParse(memoryText, NumberStyles.None, CultureInfo.InvariantCulture, out var memory) && memory > 0
            ? new PodVmExpectation(memory + (memory % 2))
            : new PodVmExpectation((ulong?)null);
    }
}
