using k8s.Models;

namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>Compute resources of a container (cpu, memory), as in a pod spec.</summary>
public sealed class ContainerResources
{
    /// <summary>Guaranteed amounts, for example <c>cpu: 500m</c>, <c>memory: 512Mi</c>.</summary>
    public Dictionary<string, ResourceQuantity>? Requests { get; set; }

    /// <summary>Maximum amounts.</summary>
    public Dictionary<string, ResourceQuantity>? Limits { get; set; }
}
