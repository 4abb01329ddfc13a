using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Placement;
using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Turns the template's containers into pod containers with their resolved images. The first container requests the
/// pod's one utility VM (<c>isolation.hyperv.dev/vm: 1</c>, request equal to limit as extended resources require);
/// no other container may ask for one, so the pod holds exactly one of its node's VMs.
/// </summary>
internal static class ContainerRenderer
{
    public static List<V1Container> Render(IReadOnlyList<WorkloadContainer> containers, OsDecision os) =>
        containers.Select((container, index) => Render(container, os, requestsVm: index == 0)).ToList();

    private static V1Container Render(WorkloadContainer container, OsDecision os, bool requestsVm) => new()
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
        Resources = Resources(container.Resources, requestsVm),
    };

    private static V1ResourceRequirements? Resources(ContainerResources? resources, bool requestsVm)
    {
        var requests = Copy(resources?.Requests, requestsVm);
        var limits = Copy(resources?.Limits, requestsVm);
        return requests is null && limits is null ? null : new V1ResourceRequirements { Requests = requests, Limits = limits };
    }

    // Copies, so that a later change to the rendered pod can never write back into the workload; the VM entry is the
    // operator's alone.
    private static Dictionary<string, ResourceQuantity>? Copy(Dictionary<string, ResourceQuantity>? quantities, bool requestsVm)
    {
        var copy = quantities?
            .Where(entry => entry.Key != WellKnownResources.HyperVVm)
            .ToDictionary(entry => entry.Key, entry => new ResourceQuantity(entry.Value.ToString()), StringComparer.Ordinal);
        if (requestsVm)
        {
            copy ??= new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
            copy[WellKnownResources.HyperVVm] = new ResourceQuantity(WellKnownResources.VmsPerPod.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return copy is { Count: > 0 } ? copy : null;
    }
}
