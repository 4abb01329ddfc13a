using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Scheduling;

/// <summary>kube-scheduler's NodeResourcesFit filter and its LeastAllocated score.</summary>
public static class NodeResourceFit
{
    // kube-scheduler scores pods without requests as if they asked for this much.
    private const decimal DefaultCpuForScoring = 0.1m;
    private const decimal DefaultMemoryForScoring = 200m * 1024 * 1024;

    /// <summary>Why the pod does not fit (<c>Too many pods</c>, <c>Insufficient cpu</c>, ...); empty when it fits.</summary>
    /// <param name="allocatable">The node's allocatable resources.</param>
    /// <param name="used">The sum of the requests of the pods already on the node.</param>
    /// <param name="podsOnNode">How many pods are already on the node.</param>
    /// <param name="request">The pod's requests including overhead.</param>
    public static IReadOnlyList<string> Misfits(
        IReadOnlyDictionary<string, decimal> allocatable, IReadOnlyDictionary<string, decimal> used, int podsOnNode, IReadOnlyDictionary<string, decimal> request)
    {
        ArgumentNullException.ThrowIfNull(allocatable);
        ArgumentNullException.ThrowIfNull(used);
        ArgumentNullException.ThrowIfNull(request);
        var reasons = new List<string>();
        if (podsOnNode + 1 > allocatable.GetValueOrDefault("pods"))
        {
            reasons.Add("Too many pods");
        }

        var ordered = request.Keys.Where(k => k != "pods")
            .OrderBy(k => k switch { "cpu" => 0, "memory" => 1, "ephemeral-storage" => 2, _ => 3 })
            .ThenBy(k => k, StringComparer.Ordinal);
        foreach (var name in ordered)
        {
            var wanted = request[name];
            if (wanted > 0 && used.GetValueOrDefault(name) + wanted > allocatable.GetValueOrDefault(name))
            {
                reasons.Add("Insufficient " + name);
            }
        }

        return reasons;
    }

    /// <summary>LeastAllocated: the mean free share of cpu and memory after placing the pod, 0..100.</summary>
    public static decimal LeastAllocatedScore(
        IReadOnlyDictionary<string, decimal> allocatable, IReadOnlyDictionary<string, decimal> used, IReadOnlyDictionary<string, decimal> request)
    {
        ArgumentNullException.ThrowIfNull(allocatable);
        ArgumentNullException.ThrowIfNull(used);
        ArgumentNullException.ThrowIfNull(request);
        var cpu = Free(allocatable, used, "cpu", NonZero(request, "cpu", DefaultCpuForScoring));
        var memory = Free(allocatable, used, "memory", NonZero(request, "memory", DefaultMemoryForScoring));
        return (cpu + memory) / 2;
    }

    /// <summary>A node's allocatable resources as decimals.</summary>
    public static IReadOnlyDictionary<string, decimal> Allocatable(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var source = node.Status?.Allocatable ?? node.Status?.Capacity ?? new Dictionary<string, ResourceQuantity>();
        return source.ToDictionary(pair => pair.Key, pair => pair.Value.ToDecimal(), StringComparer.Ordinal);
    }

    private static decimal NonZero(IReadOnlyDictionary<string, decimal> request, string name, decimal fallback) =>
        request.GetValueOrDefault(name) is > 0 and var amount ? amount : fallback;

    private static decimal Free(IReadOnlyDictionary<string, decimal> allocatable, IReadOnlyDictionary<string, decimal> used, string name, decimal wanted)
    {
        var capacity = allocatable.GetValueOrDefault(name);
        if (capacity <= 0)
        {
            return 0;
        }

        var free = capacity - used.GetValueOrDefault(name) - wanted;
        return free <= 0 ? 0 : free * 100 / capacity;
    }
}
