using HyperVIsolation.Api;
using HyperVIsolation.Operator.Sizing;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>Settings of the IsolatedWorkload reconciler, bound from the <see cref="SectionName"/> configuration section.</summary>
public sealed record ReconciliationOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Reconciliation";

    /// <summary>
    /// Whether pods carry the readiness gate <see cref="VmVerification.ConditionType"/>. Off by default:
    /// until the node agent sets that condition, a gated pod would never become ready.
    /// </summary>
    public bool ReadinessGateEnabled { get; init; }

    /// <summary>
    /// The least time between two writes of a workload's progress (a status with Reconciling=True), and how
    /// long a new generation's first progress is held back: pods that become Ready within it cost one status
    /// write, not one per step. Settling (Ready, Stalled) and leaving a settled status are written at once.
    /// Zero writes every change at once.
    /// </summary>
    public TimeSpan StatusProgressInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Guest OS footprints that size utility VMs and RuntimeClass overheads.</summary>
    public GuestOsFootprints Footprints { get; init; } = new();
}
