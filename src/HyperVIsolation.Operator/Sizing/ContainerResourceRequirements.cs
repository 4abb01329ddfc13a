using HyperVIsolation.Api.V1Alpha1;
using k8s.Models;

namespace HyperVIsolation.Operator.Sizing;

/// <summary>
/// One container's requests and limits, with the field path that names it in messages. The
/// reconciler builds these from an IsolatedWorkload's template, the admission webhook from a pod.
/// </summary>
/// <param name="Name">Container name.</param>
/// <param name="FieldPath">Where the container sits in its object, for example <c>spec.template.containers[0]</c>.</param>
/// <param name="Requests">Requested amounts by resource name.</param>
/// <param name="Limits">Limits by resource name.</param>
public sealed record ContainerResourceRequirements(
    string Name,
    string FieldPath,
    IReadOnlyDictionary<string, ResourceQuantity>? Requests,
    IReadOnlyDictionary<string, ResourceQuantity>? Limits)
{
    /// <summary>The containers of an IsolatedWorkload template (paths <c>spec.template.containers[i]</c>).</summary>
    public static IReadOnlyList<ContainerResourceRequirements> FromWorkload(IReadOnlyList<WorkloadContainer> containers) =>
        containers.Select((container, index) => new ContainerResourceRequirements(
                container.Name,
                $"spec.template.containers[{index}]",
                container.Resources?.Requests,
                container.Resources?.Limits))
            .ToList();

    /// <summary>The containers of a pod (paths <c>spec.containers[i]</c>).</summary>
    public static IReadOnlyList<ContainerResourceRequirements> FromPod(IReadOnlyList<V1Container> containers) =>
        containers.Select((container, index) => new ContainerResourceRequirements(
                container.Name,
                $"spec.containers[{index}]",
                container.Resources?.Requests?.AsReadOnly(),
                container.Resources?.Limits?.AsReadOnly()))
            .ToList();
}
