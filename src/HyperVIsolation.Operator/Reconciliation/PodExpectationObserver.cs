using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Queue;
using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Tells <see cref="PodExpectations"/> what the pod cache saw, as the ReplicaSet controller's pod
/// handlers do: a new pod of a workload fulfils a creation; a pod that got a deletion timestamp or
/// disappeared fulfils a deletion (a terminating pod no longer counts, so waiting for it to vanish
/// would only delay its replacement).
/// </summary>
internal sealed class PodExpectationObserver(PodExpectations expectations) : IResourceChangeHandler<V1Pod>
{
    private static readonly Func<V1Pod, ObjectKey?> OwnerOf = pod => ObjectKeyMappings.ControllerOwner(IsolatedWorkload.KindName)(pod);

    /// <inheritdoc/>
    public void OnAdded(V1Pod obj)
    {
        if (OwnerOf(obj) is not { } owner)
        {
            return;
        }

        if (obj.Metadata?.DeletionTimestamp is not null)
        {
            // Seen for the first time already terminating (a relist after a missed watch): it was created and is going.
            expectations.CreationObserved(owner, obj.Metadata.Name);
            expectations.DeletionObserved(owner, obj.Metadata.Name);
            return;
        }

        expectations.CreationObserved(owner, obj.Metadata?.Name ?? string.Empty);
    }

    /// <inheritdoc/>
    public void OnUpdated(V1Pod oldObj, V1Pod newObj)
    {
        if (newObj.Metadata?.DeletionTimestamp is not null && oldObj.Metadata?.DeletionTimestamp is null && OwnerOf(newObj) is { } owner)
        {
            expectations.DeletionObserved(owner, newObj.Metadata.Name);
        }
    }

    /// <inheritdoc/>
    public void OnDeleted(V1Pod obj)
    {
        if (OwnerOf(obj) is { } owner)
        {
            expectations.DeletionObserved(owner, obj.Metadata?.Name ?? string.Empty);
        }
    }
}
