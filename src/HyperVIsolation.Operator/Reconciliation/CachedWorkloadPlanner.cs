using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Admission.Policies;
using HyperVIsolation.Operator.ControllerRuntime.Cache;
using HyperVIsolation.Operator.ControllerRuntime.Queue;
using HyperVIsolation.Operator.Placement;
using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Gathers <see cref="WorkloadPlanner"/>'s inputs from the informer caches: the nodes as placement
/// sees them, the IsolationPolicies whose namespace selector matches the workload's namespace (the
/// same scope rule as admission), and the RuntimeClasses the workload's pods already use. Shared by
/// both reconcilers, so the pods and the RuntimeClasses always follow the same plan.
/// </summary>
internal sealed class CachedWorkloadPlanner(
    ResourceInformer<V1Node> nodes,
    ResourceInformer<IsolationPolicy> policies,
    ResourceInformer<V1Namespace> namespaces,
    ReconciliationOptions options)
{
    /// <summary>The settings the plans use.</summary>
    public ReconciliationOptions Options => options;

    /// <summary>Plans <paramref name="workload"/>, whose current pods are <paramref name="pods"/>.</summary>
    public WorkloadPlanResult Plan(IsolatedWorkload workload, IEnumerable<V1Pod> pods)
    {
        var inUse = pods
            .Where(pod => pod.Metadata?.DeletionTimestamp is null)
            .Select(pod => pod.Spec?.RuntimeClassName)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        return WorkloadPlanner.Plan(workload, Nodes(), CoveringPolicies(workload.Metadata?.NamespaceProperty), inUse, options);
    }

    private List<NodeBuildInfo> Nodes() =>
        nodes.List()
            .Select(node => NodeBuildInfo.FromLabels(node.Metadata?.Name ?? string.Empty, node.Metadata?.Labels?.AsReadOnly()))
            .ToList();

    private IReadOnlyList<IsolationPolicy> CoveringPolicies(string? @namespace)
    {
        var labels = @namespace is null ? null : namespaces.Get(new ObjectKey(null, @namespace))?.Metadata?.Labels;
        return PolicyScope.Covering(policies.List(), labels?.AsReadOnly());
    }
}
