using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Placement;
using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>Turns the template's containers into pod containers with their resolved images.</summary>
internal static class ContainerRenderer
{
    public static List<V1Container> Render(IReadOnlyList<WorkloadContainer> containers, OsDecision os) =>
        containers.Select(container => Render(container, os)).ToList();

    private static V1Container Render(WorkloadContainer container, OsDecision os) => new()
    {
        Name = container.Name,
        Image = os.ImageOf(container.Name),
        Command = container.Command?.ToList(),
        Args = container.Args?.ToList(),
        WorkingDir = container.WorkingDir,
        Env = container.Env?.Select(env => new V1EnvVar { Name = env.Name, Value = env.Value }).ToList(),
        Ports = container.Ports?.Select(port => new V1ContainerPort
        {
            Name = port.Name,
            ContainerPort = port.ContainerPort,
            Protocol = port.Protocol.ToString(),
        }).ToList(),
        Resources = Resources(container.Resources),
    };

    private static V1ResourceRequirements? Resources(ContainerResources? resources)
    {
        if (resources?.Requests is null && resources?.Limits is null)
        {
            return null;
        }

        return new V1ResourceRequirements
        {
            Requests = Copy(resources.Requests),
            Limits = Copy(resources.Limits),
        };
    }

    // Copies, so that a later change to the rendered pod can never write back into the workload.
    private static Dictionary<string, ResourceQuantity>? Copy(Dictionary<string, ResourceQuantity>? quantities) =>
        quantities?.ToDictionary(entry => entry.Key, entry => new ResourceQuantity(entry.Value.ToString()), StringComparer.Ordinal);
}
