using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Sizing;

/// <summary>Builders for sizing inputs.</summary>
internal static class SizingInputs
{
    public static readonly VmSizer Sizer = new(new GuestOsFootprints());

    public static ContainerResourceRequirements Resources(
        string? cpuRequest = null, string? cpuLimit = null, string? memoryRequest = null, string? memoryLimit = null, int index = 0) =>
        new($"c{index}", ContainerResourceRequirements.WorkloadContainers, index, Amounts(cpuRequest, memoryRequest), Amounts(cpuLimit, memoryLimit));

    public static IReadOnlyList<ContainerResourceRequirements> NoContainers { get; } = [];

    public static IsolationPolicy Policy(
        string name,
        long? maxMemory = null,
        int? maxProcessors = null,
        long? defaultMemory = null,
        int? defaultProcessors = null,
        bool? allowDisablingOvercommit = null) => new()
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new IsolationPolicySpec
            {
                Vm = new VmSizePolicy
                {
                    MaxMemoryMiB = maxMemory,
                    MaxProcessorCount = maxProcessors,
                    DefaultMemoryMiB = defaultMemory,
                    DefaultProcessorCount = defaultProcessors,
                    AllowDisablingOvercommit = allowDisablingOvercommit,
                },
            },
        };

    public static EffectiveVmSizePolicy? Effective(params IsolationPolicy[] policies) => EffectiveVmSizePolicy.Combine(policies);

    private static Dictionary<string, ResourceQuantity>? Amounts(string? cpu, string? memory)
    {
        if (cpu is null && memory is null)
        {
            return null;
        }

        var amounts = new Dictionary<string, ResourceQuantity>();
        if (cpu is not null)
        {
            amounts["cpu"] = new ResourceQuantity(cpu);
        }

        if (memory is not null)
        {
            amounts["memory"] = new ResourceQuantity(memory);
        }

        return amounts;
    }
}
