using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Placement;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;
using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Renders the operator's Hyper-V RuntimeClasses: one per <em>host</em> build that some workload's
/// pods are placed on, named <c>hyperv-&lt;ltscXXXX&gt;</c>, handler <c>runhcs-wcow-hypervisor</c>,
/// <c>scheduling.nodeSelector</c> on the OS, the host build and the node agent's ready label.
/// <para>
/// Placement: kube-apiserver merges a class's <c>scheduling.nodeSelector</c> into the pod's
/// <c>nodeSelector</c> (exact match), so a class pins its pods to one host build. Hyper-V runs an
/// image on any host of the same or a newer build, but that is a choice of class, not a widening of
/// it: <see cref="RuntimeClassSelector"/> picks for each workload the class of ONE compatible host
/// build, and the pod's required node affinity <c>In</c> over every compatible build contains that
/// build, so the two are redundant but never contradictory. Classes without the build in their
/// selector (affinity alone placing pods) were rejected: a class then no longer says which hosts it
/// serves, overhead could not differ per host, and a hand-made pod naming the class could land on a
/// host too old for its image.
/// </para>
/// </summary>
public static class RuntimeClassRenderer
{
    /// <summary>The containerd handler that runs a pod in a Hyper-V utility VM.</summary>
    public const string Handler = "runhcs-wcow-hypervisor";

    /// <summary>One class per host build in <paramref name="demands"/>, ordered by build.</summary>
    /// <param name="demands">What the planned workloads need.</param>
    /// <param name="sizer">Gives each flavor's overhead.</param>
    public static IReadOnlyList<V1RuntimeClass> RenderAll(IEnumerable<RuntimeClassDemand> demands, VmSizer sizer)
    {
        ArgumentNullException.ThrowIfNull(demands);
        ArgumentNullException.ThrowIfNull(sizer);
        return demands
            .GroupBy(demand => demand.HostBuild)
            .OrderBy(group => group.Key)
            .Select(group => Render(group.Key, group.Select(demand => demand.Flavor), sizer))
            .ToList();
    }

    /// <summary>The class of one host build, for the flavors whose VMs run there.</summary>
    /// <param name="hostBuild">The host build.</param>
    /// <param name="flavors">The flavors in use on that build (at least one).</param>
    /// <param name="sizer">Gives each flavor's overhead.</param>
    public static V1RuntimeClass Render(WindowsBuild hostBuild, IEnumerable<OsFlavor> flavors, VmSizer sizer)
    {
        ArgumentNullException.ThrowIfNull(flavors);
        ArgumentNullException.ThrowIfNull(sizer);
        var overhead = LargestOverhead(flavors.Distinct().Select(sizer.OverheadFor).ToList());
        return new V1RuntimeClass
        {
            ApiVersion = "node.k8s.io/v1",
            Kind = "RuntimeClass",
            Metadata = new V1ObjectMeta
            {
                Name = RuntimeClassNames.For(hostBuild),
                Labels = new Dictionary<string, string> { [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue },
            },
            Handler = Handler,
            Overhead = new V1Overhead { PodFixed = overhead.ToPodFixed() },
            Scheduling = new V1Scheduling
            {
                NodeSelector = new Dictionary<string, string>
                {
                    [WellKnownLabels.Os] = WindowsScheduling.WindowsOs,
                    [WellKnownLabels.WindowsBuild] = hostBuild.LabelValue,
                    [WellKnownLabels.NodeReady] = WindowsScheduling.ReadyValue,
                },
                Tolerations = [WindowsScheduling.WindowsToleration()],
            },
        };
    }

    /// <summary>
    /// A class has one overhead, yet Nano Server and Server Core VMs may share a host build. The
    /// scheduler must never under-count a VM, so the class carries the largest overhead of the
    /// flavors in use (per resource): small VMs reserve a little too much, none too little.
    /// </summary>
    private static RuntimeClassOverhead LargestOverhead(List<RuntimeClassOverhead> overheads)
    {
        if (overheads.Count == 0)
        {
            throw new ArgumentException("A RuntimeClass needs at least one flavor in use.", nameof(overheads));
        }

        var memory = overheads.MaxBy(overhead => overhead.Memory.ToDecimal())!.Memory;
        var cpu = overheads.MaxBy(overhead => overhead.Cpu.ToDecimal())!.Cpu;
        return new RuntimeClassOverhead(memory, cpu);
    }
}
