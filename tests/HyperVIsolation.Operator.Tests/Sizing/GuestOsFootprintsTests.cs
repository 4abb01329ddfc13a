using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Sizing;

namespace HyperVIsolation.Operator.Tests.Sizing;

public sealed class GuestOsFootprintsTests
{
    [Theory]
    [InlineData(OsFlavor.NanoServer, 512, 100)]
    [InlineData(OsFlavor.ServerCore, 1024, 200)]
    [InlineData(OsFlavor.Server, 1536, 250)]
    public void For_Defaults_MatchPlanningNumbers(OsFlavor flavor, long memory, int cpu)
    {
        new GuestOsFootprints().For(flavor).Should().Be(new GuestOsFootprint { MemoryMiB = memory, CpuMillicores = cpu });
    }

    [Fact]
    public void Validate_Defaults_NoErrors()
    {
        new GuestOsFootprints().Validate().Should().BeEmpty();
    }

    [Fact]
    public void Validate_BadValues_ReportsEveryError()
    {
        var footprints = new GuestOsFootprints
        {
            NanoServer = new GuestOsFootprint { MemoryMiB = 0, CpuMillicores = -1 },
            Server = null!,
        };

        footprints.Validate().Should().Equal(
            "GuestOsFootprints:NanoServer:MemoryMiB is 0; it must be between 1 and 1048576.",
            "GuestOsFootprints:NanoServer:CpuMillicores is -1; it must be between 0 and 64000.",
            "GuestOsFootprints:Server is missing.");
    }
}
