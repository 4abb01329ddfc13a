using HyperVIsolation.Operator.Sizing;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>Settings of the IsolatedWorkload reconciler, bound from the <see cref="SectionName"/> configuration section.</summary>
public sealed record ReconciliationOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Reconciliation";

    /// <summary>
    /// Whether pods carry the readiness gate <see cref="PodConditionTypes.VmVerified"/>. Off by default:
    /// until the node agent sets that condition, a gated pod would never become ready.
    /// </summary>
    public bool ReadinessGateEnabled { get; init; }

    /// <summary>Guest OS footprints that size utility VMs and RuntimeClass overheads.</summary>
    public GuestOsFootprints Footprints { get; init; } = new();
}
