using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Sizing;
using static HyperVIsolation.Operator.Tests.Sizing.SizingInputs;

namespace HyperVIsolation.Operator.Tests.Sizing;

public sealed class VmSizerMemoryTests
{
    [Theory]
    [InlineData(OsFlavor.NanoServer, 1024)] // max(hcsshim 1024, 512 + 256)
    [InlineData(OsFlavor.ServerCore, 1280)] // 1024 + 256
    [InlineData(OsFlavor.Server, 1792)] // 1536 + 256
    public void Size_NoResourcesNoPolicy_UsesFootprintPlusHeadroomAtLeastHcsDefault(OsFlavor flavor, long expected)
    {
        var sizing = Sizer.Size(NoContainers, flavor, null, null).Sizing!;

        sizing.Size.MemoryMiB.Should().Be(expected);
        sizing.Size.ProcessorCount.Should().Be(2);
    }

    [Theory]
    [InlineData(3000L, 3000L)]
    [InlineData(3001L, 3002L)]
    public void Size_NoResourcesPolicyDefault_UsesPolicyDefaultRoundedToEven(long policyDefault, long expected)
    {
        var policy = Effective(Policy("tenants", defaultMemory: policyDefault));

        Sizer.Size([Resources()], OsFlavor.NanoServer, null, policy).Sizing!.Size.MemoryMiB.Should().Be(expected);
    }

    [Theory]
    [InlineData("512Mi", null, 1024)]
    [InlineData("512Mi", "1Gi", 1536)] // the limit wins over the request
    [InlineData(null, "1Gi", 1536)]
    [InlineData("513Mi", null, 1026)] // 1025 is odd: rounded up as hcsshim does
    [InlineData("1000000", null, 514)] // 0.95 MiB rounds up to 1 MiB, 513 rounds up to 514
    [InlineData("1G", null, 1466)] // 953.67 MiB -> 954 + 512
    [InlineData("0", null, 1024)] // zero memory counts as not given
    public void Size_ContainerMemory_AddsFootprint(string? request, string? limit, long expected)
    {
        var sizing = Sizer.Size([Resources(memoryRequest: request, memoryLimit: limit)], OsFlavor.NanoServer, null, null).Sizing!;

        sizing.Size.MemoryMiB.Should().Be(expected);
    }

    [Fact]
    public void Size_SeveralContainers_SumsLimitElseRequest()
    {
        var containers = new[]
        {
            Resources(memoryRequest: "256Mi", index: 0),
            Resources(memoryRequest: "100Mi", memoryLimit: "300Mi", index: 1),
            Resources(cpuRequest: "100m", index: 2),
        };

        Sizer.Size(containers, OsFlavor.ServerCore, null, null).Sizing!.Size.MemoryMiB.Should().Be(256 + 300 + 1024);
    }

    [Theory]
    [InlineData(2047L, 2048L)]
    [InlineData(4096L, 4096L)]
    [InlineData(256L, 256L)]
    public void Size_MemoryOverride_WinsOverContainersAndRoundsToEven(long requested, long expected)
    {
        var overrides = new UtilityVmOverrides { MemoryMiB = requested };

        var sizing = Sizer.Size([Resources(memoryLimit: "8Gi")], OsFlavor.Server, overrides, null).Sizing!;

        sizing.Size.MemoryMiB.Should().Be(expected);
    }

    [Fact]
    public void Size_NegativeQuantity_FailsNamingField()
    {
        var containers = new[] { Resources(memoryRequest: "1Gi", index: 0), Resources(memoryLimit: "-1Gi", index: 1) };

        var result = Sizer.Size(containers, OsFlavor.NanoServer, null, null);

        result.Failures.Should().Equal(new VmSizingFailure(
            VmSizingFailureReason.InvalidResources,
            "spec.template.containers[1].resources.limits.memory",
            "spec.template.containers[1].resources.limits.memory is negative; resource amounts must be 0 or more."));
    }

    [Fact]
    public void Size_AutoFlavor_Throws()
    {
        var act = () => Sizer.Size(NoContainers, OsFlavor.Auto, null, null);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Size_ConfiguredFootprint_IsUsed()
    {
        var sizer = new VmSizer(new GuestOsFootprints { NanoServer = new GuestOsFootprint { MemoryMiB = 301, CpuMillicores = 50 } });

        var sizing = sizer.Size([Resources(memoryRequest: "100Mi")], OsFlavor.NanoServer, null, null).Sizing!;

        sizing.Size.MemoryMiB.Should().Be(402);
        sizing.Overhead.Memory.ToString().Should().Be("301Mi");
        sizing.Overhead.Cpu.ToString().Should().Be("50m");
    }
}
