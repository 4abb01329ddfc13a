using HyperVIsolation.Api;
using k8s.Models;

namespace HyperVIsolation.NodeAgent.Verification;

/// <summary>
/// Which pod updates need the agent to look at a pod's VM again now: its sandbox came up or went (phase, pod IP,
/// <c>PodReadyToStartContainers</c>), it is being deleted, or its VM size annotation changed. Every other status write
/// (containers starting, the agent's own <c>vm-verified</c> patch) waits for the resync instead of costing a CRI and
/// an HCS call each. Pure.
/// </summary>
public static class PodVmVerificationTrigger
{
    /// <summary>Whether the change from <paramref name="before"/> to <paramref name="after"/> matters now.</summary>
    public static bool Matters(V1Pod before, V1Pod after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return before.Status?.Phase != after.Status?.Phase
            || before.Status?.PodIP != after.Status?.PodIP
            || SandboxReady(before) != SandboxReady(after)
            || (before.Metadata?.DeletionTimestamp is null) != (after.Metadata?.DeletionTimestamp is null)
            || MemoryAnnotation(before) != MemoryAnnotation(after);
    }

    private static string? SandboxReady(V1Pod pod) =>
        pod.Status?.Conditions?.FirstOrDefault(condition => condition?.Type == "PodReadyToStartContainers")?.Status;

    private static string? MemoryAnnotation(V1Pod pod) =>
        pod.Metadata?.Annotations?.TryGetValue(HcsAnnotations.MemorySizeInMb, out var value) == true ? value : null;
}
