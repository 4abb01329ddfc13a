using HyperVIsolation.Operator.Sizing;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Pods;

/// <summary>
/// A container of any of a pod's three lists, with the fields isolation rules read. Ephemeral
/// containers have their own type in the API; this view (with where the container sits) lets every rule treat them alike.
/// </summary>
/// <param name="List">The list the container is in, for example <c>spec.initContainers</c>.</param>
/// <param name="Index">Its index in that list.</param>
/// <param name="Name">Container name.</param>
/// <param name="Image">Image reference.</param>
/// <param name="SecurityContext">The container's security context.</param>
internal readonly record struct PodContainer(string List, int Index, string? Name, string? Image, V1SecurityContext? SecurityContext)
{
    /// <summary>The list of regular containers.</summary>
    public const string Containers = ContainerResourceRequirements.PodContainers;

    /// <summary>The list of init containers.</summary>
    public const string InitContainers = "spec.initContainers";

    /// <summary>The list of ephemeral containers.</summary>
    public const string EphemeralContainers = "spec.ephemeralContainers";

    /// <summary>For example <c>spec.initContainers[0]</c>; worded on use, which on an allowed pod is never.</summary>
    public string FieldPath => $"{List}[{Index}]";

    /// <summary>Regular, init and ephemeral containers, in that order.</summary>
    public static IReadOnlyList<PodContainer> AllOf(AdmissionPodSpec? spec)
    {
        if (spec is null)
        {
            return [];
        }

        var containers = new List<PodContainer>((spec.Containers?.Count ?? 0) + (spec.InitContainers?.Count ?? 0) + (spec.EphemeralContainers?.Count ?? 0));
        AddRange(containers, Containers, spec.Containers);
        AddRange(containers, InitContainers, spec.InitContainers);
        AddRange(containers, EphemeralContainers, spec.EphemeralContainers);
        return containers;
    }

    private static void AddRange(List<PodContainer> containers, string list, IReadOnlyList<AdmissionContainer?>? items)
    {
        for (var index = 0; index < (items?.Count ?? 0); index++)
        {
            if (items![index] is { } container)
            {
                containers.Add(new PodContainer(list, index, container.Name, container.Image, container.SecurityContext));
            }
        }
    }
}
