using System.Globalization;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Scheduling;

/// <summary>
/// A pure kube-scheduler for one pod: filters nodes like NodeUnschedulable, TaintToleration (nodes that
/// are not Ready count as tainted <c>not-ready</c>/<c>unreachable</c>, as the node lifecycle controller
/// taints them), NodeAffinity and NodeResourcesFit do, scores the rest with LeastAllocated and breaks
/// ties by node name. When nothing fits, the message counts the reasons like kube-scheduler's FitError.
/// </summary>
public static class PodScheduler
{
    /// <summary>Chooses a node for <paramref name="pod"/>.</summary>
    /// <param name="pod">The pending pod.</param>
    /// <param name="nodes">Every node.</param>
    /// <param name="podsOnNodes">Pods bound to nodes that still hold resources (not Succeeded or Failed).</param>
    /// <param name="runtimeClasses">RuntimeClasses by name.</param>
    public static SchedulingDecision Schedule(
        V1Pod pod, IReadOnlyList<V1Node> nodes, IReadOnlyList<V1Pod> podsOnNodes, IReadOnlyDictionary<string, V1RuntimeClass> runtimeClasses)
    {
        ArgumentNullException.ThrowIfNull(podsOnNodes);
        return Schedule(pod, nodes, UsageByNode(podsOnNodes, runtimeClasses), runtimeClasses);
    }

    /// <summary>Chooses a node for <paramref name="pod"/> given what each node already holds (see <see cref="UsageByNode"/>).</summary>
    /// <param name="pod">The pending pod.</param>
    /// <param name="nodes">Every node.</param>
    /// <param name="usageByNode">By node name, what its pods hold; a node not listed holds nothing.</param>
    /// <param name="runtimeClasses">RuntimeClasses by name.</param>
    public static SchedulingDecision Schedule(
        V1Pod pod, IReadOnlyList<V1Node> nodes, IReadOnlyDictionary<string, NodeUsage> usageByNode, IReadOnlyDictionary<string, V1RuntimeClass> runtimeClasses)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(usageByNode);
        ArgumentNullException.ThrowIfNull(runtimeClasses);
        var scheduling = EffectivePodScheduling.Of(pod, RuntimeClassOf(pod, runtimeClasses));
        var request = PodResourceRequests.Of(pod, scheduling.Overhead);

        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        (string Name, decimal Score)? best = null;
        foreach (var node in nodes.OrderBy(n => n.Metadata?.Name, StringComparer.Ordinal))
        {
            var name = node.Metadata?.Name ?? string.Empty;
            var usage = usageByNode.GetValueOrDefault(name) ?? NodeUsage.Empty;
            var allocatable = NodeResourceFit.Allocatable(node);
            var misfits = Filter(node, pod, scheduling, allocatable, usage.Requested, usage.Pods, request);
            if (misfits.Count > 0)
            {
                foreach (var reason in misfits)
                {
                    reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                }

                continue;
            }

            var score = NodeResourceFit.LeastAllocatedScore(allocatable, usage.Requested, request);
            if (best is null || score > best.Value.Score)
            {
                best = (name, score);
            }
        }

        return best is { } chosen ? SchedulingDecision.Bind(chosen.Name) : SchedulingDecision.Unschedulable(FitErrorMessage(nodes.Count, reasons));
    }

    /// <summary>What <paramref name="pod"/> asks a node for, overhead of its RuntimeClass included.</summary>
    public static IReadOnlyDictionary<string, decimal> RequestOf(V1Pod pod, IReadOnlyDictionary<string, V1RuntimeClass> runtimeClasses)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(runtimeClasses);
        return PodResourceRequests.Of(pod, EffectivePodScheduling.Of(pod, RuntimeClassOf(pod, runtimeClasses)).Overhead);
    }

    /// <summary>By node name, what the bound pods among <paramref name="podsOnNodes"/> hold.</summary>
    public static IReadOnlyDictionary<string, NodeUsage> UsageByNode(IEnumerable<V1Pod> podsOnNodes, IReadOnlyDictionary<string, V1RuntimeClass> runtimeClasses)
    {
        ArgumentNullException.ThrowIfNull(podsOnNodes);
        ArgumentNullException.ThrowIfNull(runtimeClasses);
        return podsOnNodes
            .Where(p => !string.IsNullOrEmpty(p.Spec?.NodeName))
            .GroupBy(p => p.Spec.NodeName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new NodeUsage(Sum(g.Select(p => RequestOf(p, runtimeClasses))), g.Count()), StringComparer.Ordinal);
    }

    /// <summary>kube-scheduler's <c>0/N nodes are available: ...</c> with reasons sorted as it sorts them.</summary>
    public static string FitErrorMessage(int nodeCount, IReadOnlyDictionary<string, int> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        if (nodeCount == 0)
        {
            return "no nodes available to schedule pods";
        }

        var parts = reasons.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Value} {r.Key}")).Order(StringComparer.Ordinal);
        return string.Create(CultureInfo.InvariantCulture, $"0/{nodeCount} nodes are available: {string.Join(", ", parts)}.");
    }

    private static List<string> Filter(
        V1Node node,
        V1Pod pod,
        EffectivePodScheduling scheduling,
        IReadOnlyDictionary<string, decimal> allocatable,
        IReadOnlyDictionary<string, decimal> used,
        int podsOnNode,
        IReadOnlyDictionary<string, decimal> request)
    {
        var unschedulableTaint = new V1Taint { Key = "node.kubernetes.io/unschedulable", Effect = "NoSchedule" };
        if (node.Spec?.Unschedulable == true && !scheduling.Tolerations.Any(t => TaintTolerationMatcher.Tolerates(t, unschedulableTaint)))
        {
            return ["node(s) were unschedulable"];
        }

        if (TaintTolerationMatcher.FirstUntolerated(EffectiveTaints(node), scheduling.Tolerations) is { } taint)
        {
            return ["node(s) had untolerated taint " + TaintTolerationMatcher.Describe(taint)];
        }

        if (!NodeAffinityMatcher.Matches(node, scheduling.NodeSelector, pod.Spec?.Affinity))
        {
            return ["node(s) didn't match Pod's node affinity/selector"];
        }

        return [.. NodeResourceFit.Misfits(allocatable, used, podsOnNode, request)];
    }

    // A node that is not Ready carries the lifecycle controller's taint even if no controller put it there.
    private static IEnumerable<V1Taint> EffectiveTaints(V1Node node)
    {
        var taints = node.Spec?.Taints ?? [];
        var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status;
        var implicitKey = ready switch
        {
            "True" => null,
            "False" => "node.kubernetes.io/not-ready",
            _ => "node.kubernetes.io/unreachable",
        };
        return implicitKey is null || taints.Any(t => t.Key == implicitKey && t.Effect == "NoSchedule")
            ? taints
            : [.. taints, new V1Taint { Key = implicitKey, Effect = "NoSchedule" }];
    }

    private static V1RuntimeClass? RuntimeClassOf(V1Pod pod, IReadOnlyDictionary<string, V1RuntimeClass> runtimeClasses) =>
        pod.Spec?.RuntimeClassName is { Length: > 0 } name ? runtimeClasses.GetValueOrDefault(name) : null;

    private static Dictionary<string, decimal> Sum(IEnumerable<IReadOnlyDictionary<string, decimal>> requests)
    {
        var total = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            foreach (var (name, amount) in request)
            {
                total[name] = total.GetValueOrDefault(name) + amount;
            }
        }

        return total;
    }
}
