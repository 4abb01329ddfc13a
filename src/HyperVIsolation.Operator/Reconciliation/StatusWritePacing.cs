using HyperVIsolation.Api.V1Alpha1;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Decides whether a changed status is written now or held back, so that a workload whose pods become
/// Ready quickly gets one status write instead of one per step (Reconciling 0/1, 1/1 starting, Ready),
/// and a long rollout writes its progress at most once per interval. Only progress is ever held back:
/// a status that settles (Ready, or Stalled) is written at once, and so is the first step away from a
/// settled status of the current generation (a Ready workload losing a pod must turn InProgress for
/// kstatus at once). Holding back is safe for kstatus while the stored status is already in progress
/// or names an older generation (InProgress either way); for a workload with no status yet it delays
/// the first Reconciling by at most the interval (see README, "Health in Argo CD and Flux"). Pure.
/// </summary>
public static class StatusWritePacing
{
    /// <summary>
    /// How long to wait before writing <paramref name="next"/>; <see cref="TimeSpan.Zero"/> means now.
    /// </summary>
    /// <param name="stored">The status the workload carries now, if any.</param>
    /// <param name="next">The changed status to write.</param>
    /// <param name="generation">The workload's <c>metadata.generation</c>.</param>
    /// <param name="progressSince">When this workload's progress was last written, or when its current generation was first seen.</param>
    /// <param name="now">The current time.</param>
    /// <param name="interval">The least time between progress writes; zero or less turns pacing off.</param>
    public static TimeSpan DelayBeforeWrite(
        IsolatedWorkloadStatus? stored,
        IsolatedWorkloadStatus next,
        long? generation,
        DateTimeOffset progressSince,
        DateTimeOffset now,
        TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (interval <= TimeSpan.Zero || !IsInProgress(next) || IsSettled(stored, generation))
        {
            return TimeSpan.Zero;
        }

        var waited = now - progressSince;
        return waited >= interval ? TimeSpan.Zero : interval - waited;
    }

    /// <summary>Whether kstatus reads <paramref name="status"/> as still in progress (Reconciling=True).</summary>
    public static bool IsInProgress(IsolatedWorkloadStatus? status) => HasTrue(status, WorkloadConditions.Reconciling);

    // Settled: written for this generation and reported as Current (Ready) or Failed (Stalled) by kstatus.
    private static bool IsSettled(IsolatedWorkloadStatus? stored, long? generation) =>
        stored is not null && stored.ObservedGeneration == generation && !IsInProgress(stored) && stored.Conditions is { Count: > 0 };

    private static bool HasTrue(IsolatedWorkloadStatus? status, string type) =>
        status?.Conditions?.Any(condition => condition?.Type == type && condition.Status == "True") ?? false;
}
