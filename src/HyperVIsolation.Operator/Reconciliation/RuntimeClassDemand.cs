using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>One workload's need for a Hyper-V RuntimeClass: the host build its class pins and the flavor its VMs boot.</summary>
/// <param name="HostBuild">The host build of the chosen class.</param>
/// <param name="Flavor">The resolved OS flavor of the workload's pods.</param>
public sealed record RuntimeClassDemand(WindowsBuild HostBuild, OsFlavor Flavor)
{
    /// <summary>The demand of a Hyper-V plan, or <see langword="null"/> for a plan without a class (process isolation).</summary>
    public static RuntimeClassDemand? Of(WorkloadPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.RuntimeClass is { } runtimeClass ? new RuntimeClassDemand(runtimeClass.HostBuild, plan.Os.Flavor) : null;
    }
}
