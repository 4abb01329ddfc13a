using HyperVIsolation.Api;
using HyperVIsolation.ControllerRuntime.Hosting;
using k8s.Models;

namespace HyperVIsolation.Operator.Hosting;

/// <summary>
/// What the operator's caches keep of pods and nodes: only the fields its reconcilers and admission read,
/// so memory follows the number of objects rather than their size (a pod's containers, volumes and status,
/// a node's image list and status can each be tens of kilobytes). Every other kind is cached whole, less
/// managedFields. A new reader of a pod or node field from a cache must add the field here;
/// <c>CachedObjectShapesTests</c> lists what is kept.
/// </summary>
public static class CachedObjectShapes
{
    /// <summary>The operator's pod cache: the workloads' pods (by their workload label), trimmed by <see cref="Pod"/>.</summary>
    public static InformerScope<V1Pod> WorkloadPods { get; } = new() { LabelSelector = WellKnownLabels.Workload, Transform = Pod };

    /// <summary>The operator's node cache: every node, trimmed by <see cref="Node"/>.</summary>
    public static InformerScope<V1Node> Nodes { get; } = new() { Transform = Node };

    /// <summary>
    /// A pod as the workload and RuntimeClass reconcilers read it: identity, labels, owners, creation and
    /// deletion times; its RuntimeClass; its phase and condition types and statuses, with the reason and
    /// message only of a failed VM verification (the workload's status quotes them).
    /// </summary>
    /// <param name="pod">The pod as listed or watched.</param>
    /// <returns>The trimmed pod.</returns>
    public static V1Pod Pod(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return new V1Pod
        {
            ApiVersion = pod.ApiVersion,
            Kind = pod.Kind,
            Metadata = Metadata(pod.Metadata),
            Spec = pod.Spec is null ? null : new V1PodSpec { RuntimeClassName = pod.Spec.RuntimeClassName },
            Status = pod.Status is null ? null : new V1PodStatus
            {
                Phase = pod.Status.Phase,
                Conditions = pod.Status.Conditions?.Select(Condition).ToList(),
            },
        };
    }

    private static V1PodCondition Condition(V1PodCondition? condition) =>
        condition is { Type: VmVerification.ConditionType, Status: "False" }
            ? new V1PodCondition { Type = condition.Type, Status = condition.Status, Reason = condition.Reason, Message = condition.Message }
            : new V1PodCondition { Type = condition?.Type, Status = condition?.Status };

    /// <summary>A node as placement and admission read it: its identity and labels (OS, build, readiness).</summary>
    /// <param name="node">The node as listed or watched.</param>
    /// <returns>The trimmed node.</returns>
    public static V1Node Node(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new V1Node { ApiVersion = node.ApiVersion, Kind = node.Kind, Metadata = Metadata(node.Metadata) };
    }

    // Annotations go too: nothing reads them from a cache, and last-applied-configuration alone can be kilobytes.
    private static V1ObjectMeta? Metadata(V1ObjectMeta? metadata) => metadata is null ? null : new V1ObjectMeta
    {
        Name = metadata.Name,
        NamespaceProperty = metadata.NamespaceProperty,
        Uid = metadata.Uid,
        ResourceVersion = metadata.ResourceVersion,
        Generation = metadata.Generation,
        CreationTimestamp = metadata.CreationTimestamp,
        DeletionTimestamp = metadata.DeletionTimestamp,
        Labels = metadata.Labels,
        OwnerReferences = metadata.OwnerReferences,
        Finalizers = metadata.Finalizers,
    };
}
