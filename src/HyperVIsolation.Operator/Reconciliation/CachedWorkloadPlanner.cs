using System.Collections.Concurrent;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Queue;
using HyperVIsolation.Operator.Placement;
using HyperVIsolation.Operator.Policies;
using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Gathers <see cref="WorkloadPlanner"/>'s inputs from the informer caches: the nodes as placement
/// sees them, the IsolationPolicies whose namespace selector matches the workload's namespace (the
/// same scope rule as admission), and the RuntimeClasses the workload's pods already use. Shared by
/// both reconcilers, so the pods and the RuntimeClasses always follow the same plan. The plan is a pure
/// function of those inputs and the workload's spec, so it is remembered per workload and reused while
/// none of them changed: the RuntimeClass reconciler plans every workload on each pass, and a workload's
/// reconciles outnumber its spec changes many times over.
/// </summary>
internal sealed class CachedWorkloadPlanner(
    ResourceInformer<V1Node> nodes,
    ResourceInformer<IsolationPolicy> policies,
    ResourceInformer<V1Namespace> namespaces,
    ReconciliationOptions options)
{
    private readonly ConcurrentDictionary<ObjectKey, RememberedPlan> plans = new();
    private volatile NodeSnapshot? nodeSnapshot;

    /// <summary>The settings the plans use.</summary>
    public ReconciliationOptions Options => options;

    /// <summary>Plans <paramref name="workload"/>, whose current pods are <paramref name="pods"/>.</summary>
    public WorkloadPlanResult Plan(IsolatedWorkload workload, IEnumerable<V1Pod> pods)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var inUse = pods
            .Where(pod => pod.Metadata?.DeletionTimestamp is null)
            .Select(pod => pod.Spec?.RuntimeClassName)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var metadata = workload.Metadata;
        var inputs = new PlanInputs(metadata?.Uid, metadata?.Generation, Nodes(), CoveringPolicies(metadata?.NamespaceProperty), inUse);
        var key = new ObjectKey(metadata?.NamespaceProperty, metadata?.Name ?? string.Empty);
        if (plans.TryGetValue(key, out var remembered) && remembered.Inputs.SameAs(inputs))
        {
            return remembered.Result;
        }

        var result = WorkloadPlanner.Plan(workload, inputs.Nodes, inputs.Policies, inUse, options);

        // Without a generation (objects built in memory) the spec cannot be told apart: do not remember.
        if (metadata?.Generation is not null)
        {
            plans[key] = new RememberedPlan(inputs, result);
        }

        return result;
    }

    /// <summary>Drops the plan remembered for a deleted workload.</summary>
    public void Forget(ObjectKey key) => plans.TryRemove(key, out _);

    // Rebuilt only when a node object changed (the informer replaces objects on every update).
    private IReadOnlyList<NodeBuildInfo> Nodes()
    {
        var current = nodes.List();
        if (nodeSnapshot is { } snapshot && snapshot.Sources.SequenceEqual(current, ReferenceEqualityComparer.Instance))
        {
            return snapshot.Infos;
        }

        var infos = current
            .Select(node => NodeBuildInfo.FromLabels(node.Metadata?.Name ?? string.Empty, node.Metadata?.Labels?.AsReadOnly()))
            .ToList();
        nodeSnapshot = new NodeSnapshot(current, infos);
        return infos;
    }

    private IReadOnlyList<IsolationPolicy> CoveringPolicies(string? @namespace)
    {
        var labels = @namespace is null ? null : namespaces.Get(new ObjectKey(null, @namespace))?.Metadata?.Labels;
        return PolicyScope.Covering(policies.List(), labels?.AsReadOnly());
    }

    private sealed record NodeSnapshot(IReadOnlyList<V1Node> Sources, IReadOnlyList<NodeBuildInfo> Infos);

    private sealed record RememberedPlan(PlanInputs Inputs, WorkloadPlanResult Result);

    /// <summary>Everything a plan depends on; policies are compared by reference (an update replaces the cached object).</summary>
    private sealed record PlanInputs(string? Uid, long? Generation, IReadOnlyList<NodeBuildInfo> Nodes, IReadOnlyList<IsolationPolicy> Policies, HashSet<string> InUse)
    {
        public bool SameAs(PlanInputs other) =>
            Uid == other.Uid
            && Generation == other.Generation
            && (ReferenceEquals(Nodes, other.Nodes) || Nodes.SequenceEqual(other.Nodes))
            && Policies.SequenceEqual(other.Policies, ReferenceEqualityComparer.Instance)
            && InUse.SetEquals(other.InUse);
    }
}
