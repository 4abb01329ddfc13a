using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Sizing;
using static HyperVIsolation.Operator.Tests.Sizing.SizingInputs;

namespace HyperVIsolation.Operator.Tests.Sizing;

public sealed class VmSizerOutputTests
{
    [Fact]
    public void Size_NothingOptionalSet_AnnotatesOnlyMemoryAndCount()
    {
        var sizing = Sizer.Size([Resources(cpuRequest: "1500m", memoryRequest: "1536Mi")], OsFlavor.NanoServer, null, null).Sizing!;

        sizing.Annotations.Should().Equal(new Dictionary<string, string>
        {
            [HcsAnnotations.MemorySizeInMb] = "2048",
            [HcsAnnotations.ProcessorCount] = "2",
        });
        sizing.Summary.Should().Be("2048Mi/2vCPU");
    }

    [Fact]
    public void Size_EveryOverrideSet_AnnotatesEachWithInvariantStrings()
    {
        var overrides = new UtilityVmOverrides
        {
            MemoryMiB = 16384,
            ProcessorCount = 8,
            ProcessorLimit = 50000,
            ProcessorWeight = 200,
            StorageIopsMaximum = 1000,
            StorageBandwidthMaximum = 104857600,
            AllowOvercommit = false,
        };

        var sizing = Sizer.Size(NoContainers, OsFlavor.ServerCore, overrides, null).Sizing!;

        sizing.Annotations.Should().Equal(new Dictionary<string, string>
        {
            [HcsAnnotations.MemorySizeInMb] = "16384",
            [HcsAnnotations.ProcessorCount] = "8",
            [HcsAnnotations.ProcessorLimit] = "50000",
            [HcsAnnotations.ProcessorWeight] = "200",
            [HcsAnnotations.StorageIopsMaximum] = "1000",
            [HcsAnnotations.StorageBandwidthMaximum] = "104857600",
            [HcsAnnotations.AllowOvercommit] = "false",
        });
        sizing.Annotations.Keys.Should().BeInAscendingOrder(StringComparer.Ordinal);
        sizing.Size.Should().Be(new VmSize(16384, 8, 50000, 200, 1000, 104857600, false));
    }

    [Fact]
    public void Size_ComputedProcessorLimit_IsAnnotated()
    {
        var sizing = Sizer.Size([Resources(cpuLimit: "500m")], OsFlavor.NanoServer, null, null).Sizing!;

        sizing.Annotations[HcsAnnotations.ProcessorLimit].Should().Be("50000");
    }

    [Theory]
    [InlineData(OsFlavor.NanoServer, "512Mi", "100m")]
    [InlineData(OsFlavor.ServerCore, "1Gi", "200m")] // ResourceQuantity canonicalizes 1024Mi, as the API server does
    [InlineData(OsFlavor.Server, "1536Mi", "250m")]
    public void OverheadFor_Flavor_IsFootprintAsQuantities(OsFlavor flavor, string memory, string cpu)
    {
        var overhead = Sizer.OverheadFor(flavor);

        overhead.Memory.ToString().Should().Be(memory);
        overhead.Cpu.ToString().Should().Be(cpu);
        overhead.ToPodFixed().Keys.Should().BeEquivalentTo("cpu", "memory");
        Sizer.Size(NoContainers, flavor, null, null).Sizing!.Overhead.Should().Be(overhead);
    }
}
