using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Scheduling;

/// <summary>
/// What a pod asks a node for, as kube-scheduler computes it: per resource, the larger of the sum of
/// its containers' requests and the largest init container request, plus the pod overhead. A
/// container with a limit but no request requests its limit (the API server defaults it so).
/// Quantities are decimals in the resource's base unit (cores, bytes, counts).
/// </summary>
public static class PodResourceRequests
{
    /// <summary>The pod's effective requests including <paramref name="overhead"/>.</summary>
    public static IReadOnlyDictionary<string, decimal> Of(V1Pod pod, IReadOnlyDictionary<string, ResourceQuantity> overhead)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(overhead);
        var total = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            foreach (var (name, amount) in ContainerRequests(container.Resources))
            {
                total[name] = total.GetValueOrDefault(name) + amount;
            }
        }

        foreach (var init in pod.Spec?.InitContainers ?? [])
        {
            foreach (var (name, amount) in ContainerRequests(init.Resources))
            {
                total[name] = Math.Max(total.GetValueOrDefault(name), amount);
            }
        }

        foreach (var (name, quantity) in overhead)
        {
            total[name] = total.GetValueOrDefault(name) + quantity.ToDecimal();
        }

        return total;
    }

    private static Dictionary<string, decimal> ContainerRequests(V1ResourceRequirements? resources)
    {
        var requests = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (name, quantity) in resources?.Limits ?? new Dictionary<string, ResourceQuantity>())
        {
            requests[name] = quantity.ToDecimal();
        }

        foreach (var (name, quantity) in resources?.Requests ?? new Dictionary<string, ResourceQuantity>())
        {
            requests[name] = quantity.ToDecimal();
        }

        return requests;
    }
}
