using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Pods;

/// <summary>
/// One pod's VM sizing for one admission request: the containers' resources and the OS flavor are read
/// once, and the size is remembered per combined policy, because validation sizes the same pod for the
/// covering policies together (the expected annotations) and for each policy alone (its caps), which with a
/// single covering policy is the same question twice. Not thread-safe; one instance per request.
/// </summary>
/// <param name="pod">The pod.</param>
/// <param name="sizer">The VM sizer.</param>
internal sealed class PodVmSizing(AdmissionPod pod, VmSizer sizer)
{
    private readonly List<(EffectiveVmSizePolicy? Policy, VmSizingResult Result)> results = new(2);
    private IReadOnlyList<ContainerResourceRequirements>? containers;
    private OsFlavor? flavor;

    /// <summary>The pod being sized.</summary>
    public AdmissionPod Pod => pod;

    /// <summary>The same as <see cref="VmSizer.Size"/> for the pod's containers and flavor, without overrides.</summary>
    public VmSizingResult Size(EffectiveVmSizePolicy? policy)
    {
        for (var index = 0; index < results.Count; index++)
        {
            if (Equals(results[index].Policy, policy))
            {
                return results[index].Result;
            }
        }

        containers ??= Requirements(pod.Spec?.Containers);
        flavor ??= PodFlavorInference.Infer(pod);
        var size = sizer.Size(containers, flavor.Value, null, policy);
        results.Add((policy, size));
        return size;
    }

    /// <summary>The regular containers' requests and limits (paths <c>spec.containers[i]</c>), skipping null entries.</summary>
    private static List<ContainerResourceRequirements> Requirements(IReadOnlyList<AdmissionContainer?>? containers)
    {
        var requirements = new List<ContainerResourceRequirements>(containers?.Count ?? 0);
        for (var index = 0; index < (containers?.Count ?? 0); index++)
        {
            if (containers![index] is { } container)
            {
                requirements.Add(new ContainerResourceRequirements(
                    container.Name!,
                    ContainerResourceRequirements.PodContainers,
                    requirements.Count,
                    ReadOnly(container.Resources?.Requests),
                    ReadOnly(container.Resources?.Limits)));
            }
        }

        return requirements;
    }

    // The client's maps are Dictionaries, already read-only views of themselves: no wrapper per map per request.
    private static IReadOnlyDictionary<string, ResourceQuantity>? ReadOnly(IDictionary<string, ResourceQuantity>? amounts) =>
        amounts as IReadOnlyDictionary<string, ResourceQuantity> ?? amounts?.AsReadOnly();
}
