using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Pods;

/// <summary>
/// A container of any of a pod's three lists, with the fields isolation rules read. Ephemeral
/// containers have their own type in the API; this view lets every rule treat them alike.
/// </summary>
/// <param name="FieldPath">For example <c>spec.initContainers[0]</c>.</param>
/// <param name="Name">Container name.</param>
/// <param name="Image">Image reference.</param>
/// <param name="SecurityContext">The container's security context.</param>
internal sealed record PodContainer(string FieldPath, string? Name, string? Image, V1SecurityContext? SecurityContext)
{
    /// <summary>Regular, init and ephemeral containers, in that order.</summary>
    public static IReadOnlyList<PodContainer> AllOf(V1PodSpec? spec)
    {
        if (spec is null)
        {
            return [];
        }

        var containers = new List<PodContainer>();
        AddRange(containers, "spec.containers", spec.Containers);
        AddRange(containers, "spec.initContainers", spec.InitContainers);
        for (var index = 0; index < (spec.EphemeralContainers?.Count ?? 0); index++)
        {
            var container = spec.EphemeralContainers![index];
            if (container is not null)
            {
                containers.Add(new PodContainer($"spec.ephemeralContainers[{index}]", container.Name, container.Image, container.SecurityContext));
            }
        }

        return containers;
    }

    private static void AddRange(List<PodContainer> containers, string path, IList<V1Container>? list)
    {
        for (var index = 0; index < (list?.Count ?? 0); index++)
        {
            var container = list![index];
            if (container is not null)
            {
                containers.Add(new PodContainer($"{path}[{index}]", container.Name, container.Image, container.SecurityContext));
            }
        }
    }
}
