using System.Net;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.ApiAccess;
using HyperVIsolation.ControllerRuntime.Events;
using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Applies <see cref="PodAdoption"/>: adds the workload's controller reference to matching orphans and
/// removes it from owned pods that lost the workload's label, as the ReplicaSet controller's
/// ControllerRefManager does. A pod that changed or vanished since the cache saw it is skipped (the
/// write is conditional on its uid and resourceVersion); its watch event brings the key back.
/// </summary>
internal sealed class PodClaims(IClusterWriter writer, EventRecorder events)
{
    /// <summary>The pods the workload controls after claiming: the owned ones and the orphans adopted now.</summary>
    /// <param name="workload">The workload.</param>
    /// <param name="candidates">Pods of its namespace that it controls or that carry its label.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public async Task<IReadOnlyList<V1Pod>> ClaimAsync(IsolatedWorkload workload, IReadOnlyList<V1Pod> candidates, CancellationToken cancellationToken)
    {
        var ownership = PodAdoption.Classify(workload, candidates);
        var owned = ownership.Owned.ToList();
        foreach (var pod in ownership.ToRelease)
        {
            var others = (pod.Metadata.OwnerReferences ?? []).Where(owner => owner?.Uid != workload.Metadata.Uid).ToList();
            if (await TrySetOwnersAsync(pod, others, cancellationToken))
            {
                events.Normal(workload, WorkloadEventReasons.Released, $"Released pod {pod.Metadata.Name}: it no longer carries the workload's label");
            }
        }

        // A workload being deleted adopts nothing: its pods are about to be collected.
        if (workload.Metadata.DeletionTimestamp is not null)
        {
            return owned;
        }

        foreach (var pod in ownership.ToAdopt)
        {
            List<V1OwnerReference> owners = [.. pod.Metadata.OwnerReferences ?? [], PodRenderer.ControllerReference(workload)];
            if (await TrySetOwnersAsync(pod, owners, cancellationToken))
            {
                owned.Add(pod);
                events.Normal(workload, WorkloadEventReasons.Adopted, $"Adopted pod {pod.Metadata.Name}");
            }
        }

        return owned;
    }

    private async Task<bool> TrySetOwnersAsync(V1Pod pod, List<V1OwnerReference> owners, CancellationToken cancellationToken)
    {
        try
        {
            await writer.SetPodOwnersAsync(pod.Metadata.NamespaceProperty, pod.Metadata.Name, pod.Metadata.Uid, pod.Metadata.ResourceVersion, owners, cancellationToken);
            return true;
        }
        catch (Exception exception) when (ApiFailure.StatusOf(exception) is HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity)
        {
            return false;
        }
    }
}
