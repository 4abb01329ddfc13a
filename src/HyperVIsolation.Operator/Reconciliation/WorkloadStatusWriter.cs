using System.Collections.Concurrent;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.Queue;
using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Writes a workload's status through the status subresource only when <see cref="StatusComparer"/>
/// says it changed, so a steady state costs no write. The write is conditional on the cached
/// resourceVersion (a stale cache gets 409 and a fresh look). Until the cache catches up with a write,
/// the written status stands in for the cached one: otherwise every reconcile in between would write
/// the same status again and hit a conflict. Progress (Reconciling) is paced by
/// <see cref="StatusWritePacing"/>: a held-back status comes back as <see cref="StatusChange.Deferred"/>.
/// </summary>
internal sealed class WorkloadStatusWriter(IClusterWriter writer, TimeProvider time, ReconciliationOptions options)
{
    private readonly ConcurrentDictionary<ObjectKey, WrittenStatus> written = new();
    private readonly ConcurrentDictionary<ObjectKey, ProgressClock> progress = new();

    /// <summary>Computes the status and writes it if it changed; returns the status before and the status now.</summary>
    public async Task<StatusChange> WriteIfChangedAsync(
        ObjectKey key, IsolatedWorkload workload, WorkloadPlanResult planResult, IReadOnlyList<PodSummary> pods, CancellationToken cancellationToken)
    {
        var previous = Previous(key, workload);
        var now = time.GetUtcNow();
        var next = WorkloadStatusCalculator.Compute(workload, planResult, pods, now, previous);
        var since = ProgressSince(key, workload, now);
        if (StatusComparer.AreEquivalent(previous, next))
        {
            return new StatusChange(previous, next, Written: false);
        }

        var metadata = workload.Metadata;
        var delay = StatusWritePacing.DelayBeforeWrite(previous, next, metadata.Generation, since, now, options.StatusProgressInterval);
        if (delay > TimeSpan.Zero)
        {
            return new StatusChange(previous, next, Written: false, Deferred: delay);
        }

        var body = new IsolatedWorkload
        {
            Metadata = new V1ObjectMeta
            {
                Name = metadata.Name,
                NamespaceProperty = metadata.NamespaceProperty,
                Uid = metadata.Uid,
                ResourceVersion = metadata.ResourceVersion,
            },
            Spec = workload.Spec,
            Status = next,
        };
        await writer.ReplaceWorkloadStatusAsync(body, cancellationToken);
        written[key] = new WrittenStatus(metadata.Uid, metadata.ResourceVersion, next);
        progress[key] = new ProgressClock(metadata.Uid, metadata.Generation, now);
        return new StatusChange(previous, next, Written: true);
    }

    /// <summary>Drops what was remembered about a deleted workload.</summary>
    public void Forget(ObjectKey key)
    {
        written.TryRemove(key, out _);
        progress.TryRemove(key, out _);
    }

    // When this generation's progress was last written, or first seen: the start of the pacing interval.
    private DateTimeOffset ProgressSince(ObjectKey key, IsolatedWorkload workload, DateTimeOffset now)
    {
        var metadata = workload.Metadata;
        if (progress.TryGetValue(key, out var clock) && clock.Uid == metadata.Uid && clock.Generation == metadata.Generation)
        {
            return clock.Since;
        }

        progress[key] = new ProgressClock(metadata.Uid, metadata.Generation, now);
        return now;
    }

    private IsolatedWorkloadStatus? Previous(ObjectKey key, IsolatedWorkload workload)
    {
        if (written.TryGetValue(key, out var last)
            && last.Uid == workload.Metadata.Uid
            && last.WrittenOverResourceVersion == workload.Metadata.ResourceVersion)
        {
            return last.Status;
        }

        written.TryRemove(key, out _);
        return workload.Status;
    }

    private sealed record ProgressClock(string? Uid, long? Generation, DateTimeOffset Since);

    private sealed record WrittenStatus(string? Uid, string? WrittenOverResourceVersion, IsolatedWorkloadStatus Status);
}
