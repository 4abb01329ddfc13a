using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.Operator.Placement;
using k8s.Models;

namespace HyperVIsolation.Operator.Policies;

/// <summary>
/// Which updates of the objects policy decisions read (policies, namespace labels, node build labels) can change a
/// decision: the workload controllers, the isolationpolicies controller and the webhook's state all wake on the same
/// changes. Pure.
/// </summary>
internal static class PolicyInputChanges
{
    /// <summary>A node's OS, build or Hyper-V readiness label changed (heartbeats change none of them).</summary>
    public static bool Node(V1Node before, V1Node after) =>
        NodeBuildInfo.FromLabels(string.Empty, before.Metadata?.Labels?.AsReadOnly()) != NodeBuildInfo.FromLabels(string.Empty, after.Metadata?.Labels?.AsReadOnly());

    /// <summary>A namespace's labels changed (policies select namespaces by label).</summary>
    public static bool Namespace(V1Namespace before, V1Namespace after) => UpdatePredicates.LabelsChanged(before, after);

    /// <summary>A policy's spec changed (its generation moves) or its labels did.</summary>
    public static bool Policy(IsolationPolicy before, IsolationPolicy after) =>
        before.Metadata?.Generation != after.Metadata?.Generation || UpdatePredicates.LabelsChanged(before, after);
}
