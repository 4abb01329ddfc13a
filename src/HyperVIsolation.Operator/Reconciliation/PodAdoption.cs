using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Sorts a namespace's pods for one workload, as the ReplicaSet controller's ControllerRefManager:
/// a pod is the workload's when it has the workload's controller reference (matched by UID, so a
/// recreated workload of the same name does not inherit old pods) and its label; an orphan with the
/// label is adopted; an owned pod whose label was removed by hand is released, which is how users
/// take a pod out of a workload for debugging. Pods controlled by anything else are never touched.
/// Pods being deleted are not adopted. Pure.
/// </summary>
public static class PodAdoption
{
    /// <summary>Classifies <paramref name="pods"/> for <paramref name="workload"/>.</summary>
    public static PodOwnership Classify(IsolatedWorkload workload, IEnumerable<V1Pod> pods)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(pods);
        var name = workload.Metadata?.Name;
        var uid = workload.Metadata?.Uid;
        List<V1Pod> owned = [], toAdopt = [], toRelease = [];
        foreach (var pod in pods)
        {
            var controller = pod?.Metadata?.OwnerReferences?.FirstOrDefault(reference => reference?.Controller == true);
            var matches = pod?.Metadata?.Labels is { } labels && labels.TryGetValue(WellKnownLabels.Workload, out var value) && value == name;
            if (controller is null)
            {
                if (matches && pod!.Metadata.DeletionTimestamp is null)
                {
                    toAdopt.Add(pod);
                }

                continue;
            }

            if (!string.IsNullOrEmpty(uid) && controller.Uid == uid)
            {
                (matches ? owned : toRelease).Add(pod!);
            }
        }

        return new PodOwnership(owned, toAdopt, toRelease);
    }
}
