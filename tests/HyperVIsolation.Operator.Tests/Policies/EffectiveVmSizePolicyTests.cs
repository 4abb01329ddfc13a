using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;
using static HyperVIsolation.Operator.Tests.Sizing.SizingInputs;

namespace HyperVIsolation.Operator.Tests.Policies;

public sealed class EffectiveVmSizePolicyTests
{
    [Fact]
    public void Combine_NoPolicies_ReturnsNull()
    {
        EffectiveVmSizePolicy.Combine([]).Should().BeNull();
    }

    [Fact]
    public void Combine_SeveralPolicies_StrictestCapsAndLowestDefaults()
    {
        var effective = Effective(
            Policy("b", maxMemory: 8192, maxProcessors: 4, defaultMemory: 2048, defaultProcessors: 2),
            Policy("a", maxMemory: 4096, maxProcessors: 8, defaultMemory: 3072),
            Policy("c"));

        effective.Should().Be(new EffectiveVmSizePolicy(2048, 2, new PolicyCap<long>(4096, "a"), new PolicyCap<int>(4, "b"), "a"));
    }

    [Fact]
    public void Combine_DefaultAboveAnotherPolicysCap_IsLoweredToTheCap()
    {
        var effective = Effective(Policy("generous", defaultMemory: 4096, defaultProcessors: 8), Policy("strict", maxMemory: 2048, maxProcessors: 2))!;

        effective.DefaultMemoryMiB.Should().Be(2048);
        effective.DefaultProcessorCount.Should().Be(2);
    }

    [Fact]
    public void Combine_EqualCaps_NameSortingFirstIsBlamed()
    {
        var effective = Effective(Policy("zeta", maxMemory: 2048), Policy("alpha", maxMemory: 2048))!;

        effective.MaxMemoryMiB.Should().Be(new PolicyCap<long>(2048, "alpha"));
    }

    [Fact]
    public void Combine_PolicyWithoutVmSection_CapsNothingButDeniesOvercommitDisabling()
    {
        var policy = Policy("plain");
        policy.Spec.Vm = null;

        var effective = Effective(policy)!;

        effective.MaxMemoryMiB.Should().BeNull();
        effective.MaxProcessorCount.Should().BeNull();
        effective.AllowDisablingOvercommit.Should().BeFalse();
    }

    [Theory]
    [InlineData(null, null, null, null, null)]
    [InlineData(8192L, 4, null, null, null)]
    [InlineData(2048L, 2, 4096L, 8, false)]
    [InlineData(null, null, 3072L, 3, true)]
    [InlineData(2047L, null, 4096L, null, true)]
    public void Of_OnePolicy_SameAsTheGeneralCombination(long? maxMemory, int? maxProcessors, long? defaultMemory, int? defaultProcessors, bool? allowDisablingOvercommit)
    {
        var policy = Policy("tenant", maxMemory, maxProcessors, defaultMemory, defaultProcessors, allowDisablingOvercommit);

        // A second policy that caps nothing and allows everything sends Combine down its general path without changing the outcome.
        var general = Effective(policy, Policy("zz-permissive", allowDisablingOvercommit: true));

        EffectiveVmSizePolicy.Of("tenant", policy.Spec.Vm).Should().Be(general);
    }
}
