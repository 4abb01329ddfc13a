using System.Net;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.ApiAccess;
using HyperVIsolation.ControllerRuntime.Events;
using HyperVIsolation.ControllerRuntime.Queue;
using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Creates and deletes a workload's pods, keeping <see cref="PodExpectations"/> right whatever
/// happens: every expected creation or deletion is either observed later by the pod cache or given up
/// here when its call fails. Creations go in slow-start batches (1, 2, 4, ...) like the ReplicaSet
/// controller's, so a workload whose pods are all rejected costs one failed call, not hundreds.
/// </summary>
internal sealed class WorkloadPodWriter(IClusterWriter writer, PodExpectations expectations, EventRecorder events)
{
    /// <summary>Creates <paramref name="count"/> pods of <paramref name="plan"/>; returns the first failure, if any.</summary>
    public async Task<Exception?> CreateAsync(ObjectKey key, IsolatedWorkload workload, WorkloadPlan plan, int count, CancellationToken cancellationToken)
    {
        expectations.ExpectCreations(key, count);
        var remaining = count;
        var batch = 1;
        while (remaining > 0)
        {
            var size = Math.Min(batch, remaining);
            Exception?[] results;
            try
            {
                results = await Task.WhenAll(Enumerable.Range(0, size).Select(_ => CreateOneAsync(key, workload, plan, cancellationToken)));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The batch released its own expectations; the later batches will never start.
                ReleaseCreations(key, remaining - size);
                throw;
            }

            remaining -= size;
            if (results.FirstOrDefault(result => result is not null) is { } failure)
            {
                // The pods of later batches will never be created: stop expecting them.
                ReleaseCreations(key, remaining);
                return failure;
            }

            batch *= 2;
        }

        return null;
    }

    /// <summary>Deletes the pods of <paramref name="deletions"/>; returns the first failure, if any.</summary>
    public async Task<Exception?> DeleteAsync(
        ObjectKey key, IsolatedWorkload workload, IReadOnlyList<PodDeletion> deletions, IReadOnlyDictionary<string, V1Pod> podsByName, CancellationToken cancellationToken)
    {
        var targets = deletions.Where(deletion => podsByName.ContainsKey(deletion.Name)).ToList();
        expectations.ExpectDeletions(key, targets.Select(deletion => deletion.Name));
        var results = await Task.WhenAll(targets.Select(deletion => DeleteOneAsync(key, workload, podsByName[deletion.Name], deletion.Reason, cancellationToken)));
        return results.FirstOrDefault(result => result is not null);
    }

    private void ReleaseCreations(ObjectKey key, int count)
    {
        for (var released = 0; released < count; released++)
        {
            expectations.CreationFailed(key);
        }
    }

    private async Task<Exception?> CreateOneAsync(ObjectKey key, IsolatedWorkload workload, WorkloadPlan plan, CancellationToken cancellationToken)
    {
        V1Pod created;
        try
        {
            created = await writer.CreatePodAsync(PodRenderer.Render(workload, plan), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Leadership lost (or shutdown) mid-call: whether the pod was created is as unknown as after a failed call, and
            // the expectations outlive the term. Kept, they would hold this workload back for their whole time to live if
            // this replica leads again; released, the pod cache shows what happened.
            expectations.CreationFailed(key);
            throw;
        }
        catch (Exception exception)
        {
            expectations.CreationFailed(key);
            events.Warning(workload, WorkloadEventReasons.FailedCreate, $"Error creating pod: {Describe(exception)}");
            return exception;
        }

        events.Normal(workload, WorkloadEventReasons.SuccessfulCreate, $"Created pod: {created.Metadata?.Name}");
        return null;
    }

    private async Task<Exception?> DeleteOneAsync(ObjectKey key, IsolatedWorkload workload, V1Pod pod, PodDeletionReason reason, CancellationToken cancellationToken)
    {
        var name = pod.Metadata.Name;
        try
        {
            await writer.DeletePodAsync(pod.Metadata.NamespaceProperty, name, pod.Metadata.Uid, cancellationToken);
        }
        catch (Exception exception) when (ApiFailure.StatusOf(exception) is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Already gone, or a different pod now has the name: nothing of ours is left to delete.
            expectations.DeletionObserved(key, name);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // As for a cancelled create: the expectation must not outlive the call.
            expectations.DeletionObserved(key, name);
            throw;
        }
        catch (Exception exception)
        {
            expectations.DeletionObserved(key, name);
            events.Warning(workload, WorkloadEventReasons.FailedDelete, $"Error deleting pod {name}: {Describe(exception)}");
            return exception;
        }

        events.Normal(workload, WorkloadEventReasons.SuccessfulDelete, $"Deleted pod: {name} ({reason})");
        return null;
    }

    private static string Describe(Exception exception) => ApiFailure.Describe(exception);
}
