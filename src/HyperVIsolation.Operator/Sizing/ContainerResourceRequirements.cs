using HyperVIsolation.Api.V1Alpha1;
using k8s.Models;

namespace HyperVIsolation.Operator.Sizing;

/// <summary>
/// One container's requests and limits, with where it sits in its object to name it in messages.
/// The reconciler builds these from an IsolatedWorkload's template, the admission webhook from a pod.
/// </summary>
/// <param name="Name">Container name.</param>
/// <param name="List">The list the container is in, for example <c>spec.template.containers</c>.</param>
/// <param name="Index">Its index in that list.</param>
/// <param name="Requests">Requested amounts by resource name.</param>
/// <param name="Limits">Limits by resource name.</param>
public sealed record ContainerResourceRequirements(
    string Name,
    string List,
    int Index,
    IReadOnlyDictionary<string, ResourceQuantity>? Requests,
    IReadOnlyDictionary<string, ResourceQuantity>? Limits)
{
    /// <summary>The list of an IsolatedWorkload template's containers.</summary>
    public const string WorkloadContainers = "spec.template.containers";

    /// <summary>The list of a pod's containers.</summary>
    public const string PodContainers = "spec.containers";

    /// <summary>For example <c>spec.template.containers[0]</c>; worded on use, which sizing a valid pod never does.</summary>
    public string FieldPath => $"{List}[{Index}]";

    /// <summary>The containers of an IsolatedWorkload template (paths <c>spec.template.containers[i]</c>).</summary>
    public static IReadOnlyList<ContainerResourceRequirements> FromWorkload(IReadOnlyList<WorkloadContainer> containers) =>
        containers.Select((container, index) => new ContainerResourceRequirements(
                container.Name,
                WorkloadContainers,
                index,
                container.Resources?.Requests,
                container.Resources?.Limits))
            .ToList();
}
