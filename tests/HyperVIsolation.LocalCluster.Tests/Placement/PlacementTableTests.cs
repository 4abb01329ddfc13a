using HyperVIsolation.Api;
using HyperVIsolation.LocalCluster.Placement;

namespace HyperVIsolation.LocalCluster.Tests.Placement;

public sealed class PlacementTableTests
{
    [Fact]
    public void Format_RowsSortedByWorkloadAndPod_Aligned()
    {
        var lines = PlacementTable.Format(
        [
            new PlacementRow
            {
                Workload = "web", Pod = "t/web-b", Node = "ltsc2022-1", NodeBuild = "10.0.20348", Image = "nano:ltsc2022",
                RuntimeClass = "hyperv-20348", VmRequested = "1 vCPU, 768 MB", VmCreatedMemoryMb = 768,
            },
            new PlacementRow { Workload = "app", Pod = "t/app-a" },
        ]);

        lines.Should().Equal(
            "WORKLOAD  POD      NODE        BUILD       IMAGE          RUNTIMECLASS  VM (ANNOTATIONS)  VM (HCS)",
            "app       t/app-a  -           -           -              -             -                 -",
            "web       t/web-b  ltsc2022-1  10.0.20348  nano:ltsc2022  hyperv-20348  1 vCPU, 768 MB    768 MB");
    }

    [Theory]
    [InlineData("2", "1536", "2 vCPU, 1536 MB")]
    [InlineData(null, "1024", "1024 MB")]
    [InlineData("1", null, "1 vCPU")]
    [InlineData(null, null, "")]
    public void RequestedVm_FromHcsAnnotations(string? cpus, string? memory, string expected)
    {
        var annotations = new Dictionary<string, string> { ["other"] = "x" };
        if (cpus is not null)
        {
            annotations[HcsAnnotations.ProcessorCount] = cpus;
        }

        if (memory is not null)
        {
            annotations[HcsAnnotations.MemorySizeInMb] = memory;
        }

        PlacementTable.RequestedVm(annotations).Should().Be(expected);
    }

    [Fact]
    public void RequestedVm_NoAnnotations_Empty() => PlacementTable.RequestedVm(null).Should().BeEmpty();
}
