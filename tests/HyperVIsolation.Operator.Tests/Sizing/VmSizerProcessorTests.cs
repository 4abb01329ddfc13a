using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Sizing;
using static HyperVIsolation.Operator.Tests.Sizing.SizingInputs;

namespace HyperVIsolation.Operator.Tests.Sizing;

public sealed class VmSizerProcessorTests
{
    [Theory]
    [InlineData(null, null, 2, null)] // nothing given: hcsshim default
    [InlineData("500m", null, 1, null)] // requests alone set no limit
    [InlineData("2500m", null, 3, null)]
    [InlineData(null, "500m", 1, 50000)]
    [InlineData(null, "1500m", 2, 75000)]
    [InlineData(null, "2", 2, null)] // the limit fills whole processors: no cap needed
    [InlineData(null, "333m", 1, 33300)]
    [InlineData(null, "1m", 1, 100)]
    [InlineData(null, "0.0001", 1, 100)] // 0.1m rounds up to 1m
    [InlineData(null, "0", 1, 1)] // clamped to the smallest valid limit
    [InlineData("250m", "1250m", 2, 62500)]
    public void Size_SingleContainerCpu_SetsCountAndLimit(string? request, string? limit, int count, int? processorLimit)
    {
        var size = Sizer.Size([Resources(cpuRequest: request, cpuLimit: limit)], OsFlavor.NanoServer, null, null).Sizing!.Size;

        size.ProcessorCount.Should().Be(count);
        size.ProcessorLimit.Should().Be(processorLimit);
    }

    [Fact]
    public void Size_SeveralContainersAllLimited_SumsLimits()
    {
        var containers = new[] { Resources(cpuLimit: "700m", index: 0), Resources(cpuLimit: "700m", index: 1), Resources(cpuLimit: "100m", index: 2) };

        var size = Sizer.Size(containers, OsFlavor.NanoServer, null, null).Sizing!.Size;

        size.ProcessorCount.Should().Be(2);
        size.ProcessorLimit.Should().Be(75000);
    }

    [Fact]
    public void Size_OneContainerWithoutCpuLimit_LeavesVmUncapped()
    {
        var containers = new[] { Resources(cpuLimit: "500m", index: 0), Resources(cpuRequest: "250m", index: 1) };

        var size = Sizer.Size(containers, OsFlavor.NanoServer, null, null).Sizing!.Size;

        size.ProcessorCount.Should().Be(1);
        size.ProcessorLimit.Should().BeNull();
    }

    [Fact]
    public void Size_CountOverrideWithCpuLimits_LimitUsesOverriddenCount()
    {
        var overrides = new UtilityVmOverrides { ProcessorCount = 4 };

        var size = Sizer.Size([Resources(cpuLimit: "1500m")], OsFlavor.NanoServer, overrides, null).Sizing!.Size;

        size.ProcessorCount.Should().Be(4);
        size.ProcessorLimit.Should().Be(37500);
    }

    [Fact]
    public void Size_LimitOverride_WinsOverComputedLimit()
    {
        var overrides = new UtilityVmOverrides { ProcessorLimit = 20000 };

        Sizer.Size([Resources(cpuLimit: "500m")], OsFlavor.NanoServer, overrides, null).Sizing!.Size.ProcessorLimit.Should().Be(20000);
    }

    [Fact]
    public void Size_NoCpuPolicyDefault_UsesPolicyDefault()
    {
        var policy = Effective(Policy("tenants", defaultProcessors: 3));

        Sizer.Size([Resources(memoryRequest: "1Gi")], OsFlavor.NanoServer, null, policy).Sizing!.Size.ProcessorCount.Should().Be(3);
    }

    [Fact]
    public void Size_CpuGivenPolicyDefault_ContainersWin()
    {
        var policy = Effective(Policy("tenants", defaultProcessors: 3));

        Sizer.Size([Resources(cpuRequest: "100m")], OsFlavor.NanoServer, null, policy).Sizing!.Size.ProcessorCount.Should().Be(1);
    }
}
