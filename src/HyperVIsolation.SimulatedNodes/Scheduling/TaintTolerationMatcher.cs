using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Scheduling;

/// <summary>Taints and tolerations as kube-scheduler's TaintToleration filter sees them.</summary>
public static class TaintTolerationMatcher
{
    /// <summary>The first NoSchedule/NoExecute taint no toleration covers, or null when all are tolerated.</summary>
    public static V1Taint? FirstUntolerated(IEnumerable<V1Taint> taints, IReadOnlyList<V1Toleration> tolerations)
    {
        ArgumentNullException.ThrowIfNull(taints);
        ArgumentNullException.ThrowIfNull(tolerations);
        return taints
            .Where(t => t.Effect is "NoSchedule" or "NoExecute")
            .FirstOrDefault(taint => !tolerations.Any(toleration => Tolerates(toleration, taint)));
    }

    /// <summary>
    /// Whether a toleration covers a taint: an empty effect matches every effect; <c>Exists</c> with an
    /// empty key tolerates everything; <c>Equal</c> (the default operator) needs key and value equal.
    /// </summary>
    public static bool Tolerates(V1Toleration toleration, V1Taint taint)
    {
        ArgumentNullException.ThrowIfNull(toleration);
        ArgumentNullException.ThrowIfNull(taint);
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
        {
            return false;
        }

        if (toleration.OperatorProperty == "Exists")
        {
            return string.IsNullOrEmpty(toleration.Key) || toleration.Key == taint.Key;
        }

        return toleration.Key == taint.Key && (toleration.Value ?? string.Empty) == (taint.Value ?? string.Empty);
    }

    /// <summary>kube-scheduler's way of naming a taint in messages: <c>{key: value}</c>.</summary>
    public static string Describe(V1Taint taint)
    {
        ArgumentNullException.ThrowIfNull(taint);
        return $"{{{taint.Key}: {taint.Value}}}";
    }
}
