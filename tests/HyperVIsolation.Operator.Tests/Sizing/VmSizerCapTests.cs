using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;
using static HyperVIsolation.Operator.Tests.Sizing.SizingInputs;

namespace HyperVIsolation.Operator.Tests.Sizing;

public sealed class VmSizerCapTests
{
    private static readonly EffectiveVmSizePolicy? Capped = Effective(Policy("untrusted-tenants", maxMemory: 4096, maxProcessors: 4));

    [Fact]
    public void Size_MemoryOverrideOverCap_FailsNamingFieldValuePolicyAndCap()
    {
        var result = Sizer.Size(NoContainers, OsFlavor.NanoServer, new UtilityVmOverrides { MemoryMiB = 8192 }, Capped);

        result.IsSuccess.Should().BeFalse();
        result.Failures.Should().Equal(new VmSizingFailure(
            VmSizingFailureReason.VmSizeExceedsCap,
            "spec.vm.memoryMiB",
            "spec.vm.memoryMiB is 8192 MiB, over the cap maxMemoryMiB=4096 of IsolationPolicy 'untrusted-tenants'."));
    }

    [Theory]
    [InlineData(4096L, true)]
    [InlineData(4095L, true)] // rounds up to 4096: still at the cap
    [InlineData(4097L, false)]
    [InlineData(4098L, false)]
    public void Size_MemoryOverrideAroundCap_PassesOnlyAtOrBelow(long memory, bool passes)
    {
        var result = Sizer.Size(NoContainers, OsFlavor.NanoServer, new UtilityVmOverrides { MemoryMiB = memory }, Capped);

        result.IsSuccess.Should().Be(passes);
    }

    [Fact]
    public void Size_OddMemoryOverrideRoundedOverCap_MessageShowsBothValues()
    {
        var result = Sizer.Size(NoContainers, OsFlavor.NanoServer, new UtilityVmOverrides { MemoryMiB = 4097 }, Capped);

        result.Failures.Single().Message.Should().Be(
            "spec.vm.memoryMiB is 4097 MiB (4098 MiB once rounded up to even), over the cap maxMemoryMiB=4096 of IsolationPolicy 'untrusted-tenants'.");
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void Size_ProcessorOverrideAroundCap_PassesOnlyAtOrBelow(int count, bool passes)
    {
        var result = Sizer.Size(NoContainers, OsFlavor.NanoServer, new UtilityVmOverrides { ProcessorCount = count }, Capped);

        result.IsSuccess.Should().Be(passes);
        if (!passes)
        {
            result.Failures.Should().Equal(new VmSizingFailure(
                VmSizingFailureReason.VmSizeExceedsCap,
                "spec.vm.processorCount",
                "spec.vm.processorCount is 5, over the cap maxProcessorCount=4 of IsolationPolicy 'untrusted-tenants'."));
        }
    }

    [Fact]
    public void Size_ComputedValuesOverCaps_ReportsBothNamingTheContainers()
    {
        var result = Sizer.Size([Resources(cpuLimit: "4500m", memoryLimit: "4Gi")], OsFlavor.NanoServer, null, Capped);

        result.Failures.Should().Equal(
            new VmSizingFailure(
                VmSizingFailureReason.VmSizeExceedsCap,
                "spec.template.containers",
                "The VM memory computed from the containers' memory (4096 MiB plus 512 MiB for the guest OS) is 4608 MiB, over the cap maxMemoryMiB=4096 of IsolationPolicy 'untrusted-tenants'."),
            new VmSizingFailure(
                VmSizingFailureReason.VmSizeExceedsCap,
                "spec.template.containers",
                "The VM processor count computed from the containers' cpu (4500m) is 5, over the cap maxProcessorCount=4 of IsolationPolicy 'untrusted-tenants'."));
    }

    [Fact]
    public void Size_ComputedMemoryExactlyAtCap_Passes()
    {
        var result = Sizer.Size([Resources(memoryLimit: "3584Mi")], OsFlavor.NanoServer, null, Capped);

        result.Sizing!.Size.MemoryMiB.Should().Be(4096);
    }

    [Fact]
    public void Size_BuiltInDefaultsOverCaps_AreLoweredToTheCaps()
    {
        var policy = Effective(Policy("small", maxMemory: 1024, maxProcessors: 1));

        var result = Sizer.Size(NoContainers, OsFlavor.Server, null, policy);

        result.Sizing!.Summary.Should().Be("1024Mi/1vCPU");
    }

    [Theory]
    [InlineData(null, 1000L)] // built-in 1792 lowered to the odd cap 1001, then down to even
    [InlineData(1001L, 1000L)] // the policy's own default is lowered to its cap when combined
    public void Size_DefaultsAgainstOddCap_LoweredToEvenBelowCap(long? defaultMemory, long expected)
    {
        var policy = Effective(Policy("odd", maxMemory: 1001, defaultMemory: defaultMemory));

        var result = Sizer.Size(NoContainers, OsFlavor.Server, null, policy);

        result.Sizing!.Size.MemoryMiB.Should().Be(expected);
    }

    [Fact]
    public void Size_SeveralPolicies_StrictestCapWinsAndIsNamed()
    {
        var policy = Effective(Policy("loose", maxMemory: 8192), Policy("strict", maxMemory: 2048), Policy("none"));

        var result = Sizer.Size(NoContainers, OsFlavor.NanoServer, new UtilityVmOverrides { MemoryMiB = 4096 }, policy);

        result.Failures.Single().Message.Should().Be(
            "spec.vm.memoryMiB is 4096 MiB, over the cap maxMemoryMiB=2048 of IsolationPolicy 'strict'.");
    }

    [Fact]
    public void Size_PodContainers_ComputedFieldIsPodContainers()
    {
        ContainerResourceRequirements[] pod =
        [
            new("app", ContainerResourceRequirements.PodContainers, 0, null, new Dictionary<string, k8s.Models.ResourceQuantity> { ["memory"] = new("8Gi") }),
        ];

        var result = Sizer.Size(pod, OsFlavor.NanoServer, null, Capped);

        result.Failures.Single().Field.Should().Be("spec.containers");
    }
}
