using HyperVIsolation.Api.V1Alpha1;
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
internal sealed class PodVmSizing(V1Pod pod, VmSizer sizer)
{
    private readonly List<(EffectiveVmSizePolicy? Policy, VmSizingResult Result)> results = new(2);
    private IReadOnlyList<ContainerResourceRequirements>? containers;
    private OsFlavor? flavor;

    /// <summary>The pod being sized.</summary>
    public V1Pod Pod => pod;

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

        containers ??= ContainerResourceRequirements.FromPod(pod.Spec?.Containers);
        flavor ??= PodFlavorInference.Infer(pod);
        var size = sizer.Size(containers, flavor.Value, null, policy);
        results.Add((policy, size));
        return size;
    }
}
