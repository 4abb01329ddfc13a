using System.Globalization;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>Where a planned workload's pods stand: the reason and message of Reconciling, or none when done.</summary>
/// <param name="Reason">A <see cref="WorkloadConditions"/> reason, or <see langword="null"/> when every replica is current and available.</param>
/// <param name="Message">One sentence with the counts.</param>
internal sealed record WorkloadProgress(string? Reason, string Message)
{
    public static WorkloadProgress Of(int desired, int active, int updated, int updatedAvailable)
    {
        var stale = active - updated;
        if (stale > 0)
        {
            return new(WorkloadConditions.ReasonRollingUpdate, Invariant($"{updated} of {desired} pods run the current template; {stale} older pods are being replaced."));
        }

        if (updated < desired)
        {
            return new(WorkloadConditions.ReasonScalingUp, Invariant($"{updated} of {desired} pods exist."));
        }

        if (active > desired)
        {
            return new(WorkloadConditions.ReasonScalingDown, Invariant($"{active} pods run, {desired} wanted."));
        }

        if (updatedAvailable < desired)
        {
            return new(WorkloadConditions.ReasonWaitingForPods, Invariant($"{updatedAvailable} of {desired} pods are ready."));
        }

        return new(null, Invariant($"All {desired} pods run the current template and are ready."));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
