using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Scheduling;

/// <summary>
/// A pod's placement constraints after its RuntimeClass: the class's <c>scheduling.nodeSelector</c>
/// merged into the pod's, its tolerations appended, and its <c>overhead.podFixed</c> used when the pod
/// has no <c>spec.overhead</c>. kube-apiserver's RuntimeClass admission does this on create; doing it
/// again here is harmless and keeps the scheduler right on servers without that admission plugin.
/// </summary>
/// <param name="NodeSelector">Exact-match labels the node must have.</param>
/// <param name="Tolerations">The pod's tolerations.</param>
/// <param name="Overhead">Resources the sandbox itself costs.</param>
public sealed record EffectivePodScheduling(
    IReadOnlyDictionary<string, string> NodeSelector,
    IReadOnlyList<V1Toleration> Tolerations,
    IReadOnlyDictionary<string, ResourceQuantity> Overhead)
{
    /// <summary>Combines the pod with its RuntimeClass (absent class: the pod alone).</summary>
    public static EffectivePodScheduling Of(V1Pod pod, V1RuntimeClass? runtimeClass)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var selector = new Dictionary<string, string>(pod.Spec?.NodeSelector ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var tolerations = new List<V1Toleration>(pod.Spec?.Tolerations ?? []);
        foreach (var (key, value) in runtimeClass?.Scheduling?.NodeSelector ?? new Dictionary<string, string>())
        {
            selector.TryAdd(key, value);
        }

        foreach (var toleration in runtimeClass?.Scheduling?.Tolerations ?? [])
        {
            if (!tolerations.Any(t => SameToleration(t, toleration)))
            {
                tolerations.Add(toleration);
            }
        }

        var overhead = pod.Spec?.Overhead ?? runtimeClass?.Overhead?.PodFixed ?? new Dictionary<string, ResourceQuantity>();
        return new EffectivePodScheduling(selector, tolerations, new Dictionary<string, ResourceQuantity>(overhead, StringComparer.Ordinal));
    }

    private static bool SameToleration(V1Toleration a, V1Toleration b) =>
        a.Key == b.Key && a.OperatorProperty == b.OperatorProperty && a.Value == b.Value && a.Effect == b.Effect;
}
