using HyperVIsolation.Api;
using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.SimulatedNodes.Hcs;

namespace HyperVIsolation.SimulatedNodes.Tests.Hcs;

public sealed class UtilityVmSizingTests
{
    [Theory]
    [InlineData(null, null, 8, 1024UL, 2)]
    [InlineData("4096", "4", 8, 4096UL, 4)]
    [InlineData("3073", null, 8, 3074UL, 2)]
    [InlineData(null, "16", 8, 1024UL, 8)]
    [InlineData(null, null, 1, 1024UL, 1)]
    [InlineData("lots", "-2", 8, 1024UL, 2)]
    public void Size_FromAnnotations_FollowsHcsshimRules(string? memory, string? processors, int hostCpus, ulong expectedMb, int expectedCpus)
    {
        var annotations = new Dictionary<string, string>();
        if (memory is not null)
        {
            annotations[HcsAnnotations.MemorySizeInMb] = memory;
        }

        if (processors is not null)
        {
            annotations[HcsAnnotations.ProcessorCount] = processors;
        }

        var size = UtilityVmSizing.Size(annotations, handlerOptions: null, hostCpus);

        size.MemoryMb.Should().Be(expectedMb);
        size.ProcessorCount.Should().Be(expectedCpus);
    }

    [Fact]
    public void Size_NoAnnotations_UsesHandlerOptions()
    {
        var size = UtilityVmSizing.Size(new Dictionary<string, string>(), new RunhcsOptions { VmMemorySizeInMb = 2048, VmProcessorCount = 3 }, 8);

        size.Should().Be(new UtilityVmSize(2048, 3, 100000, 100));
    }

    [Fact]
    public void Size_AnnotationsAndOptions_AnnotationsWin()
    {
        var annotations = new Dictionary<string, string>
        {
            [HcsAnnotations.MemorySizeInMb] = "512",
            [HcsAnnotations.ProcessorLimit] = "50000",
            [HcsAnnotations.ProcessorWeight] = "200",
        };

        var size = UtilityVmSizing.Size(annotations, new RunhcsOptions { VmMemorySizeInMb = 2048 }, 8);

        size.Should().Be(new UtilityVmSize(512, 2, 50000, 200));
    }
}
