using HyperVIsolation.Api.Windows;
using HyperVIsolation.NodeAgent.Capacity;
using HyperVIsolation.NodeAgent.Inspection;

namespace HyperVIsolation.NodeAgent.Tests.Capacity;

public sealed class VmCapacityTests
{
    private const long GiB = 1024L * 1024 * 1024;

    [Theory]
    [InlineData("ServerStandard", 32, 2)] // the licence, far below what memory holds
    [InlineData("ServerStandardEval", 64, 2)]
    [InlineData("ServerStandard", 3, 2)] // (3072 - 2048) / 512 = 2: licence and memory agree
    [InlineData("ServerStandard", 2.5, 1)] // memory below the licence: (2560 - 2048) / 512 = 1
    [InlineData("ServerDatacenter", 32, 60)] // (32768 - 2048) / 512
    [InlineData("ServerDatacenterEval", 16, 28)]
    [InlineData("ServerTurbine", 8, 12)] // Datacenter: Azure Edition
    [InlineData("ServerDatacenter", 2, 0)] // nothing above the host's reserve
    [InlineData("ServerDatacenter", 1, 0)] // less memory than the reserve is no negative count
    [InlineData("ServerSolution", 64, 2)] // an edition we do not know gets the Standard rule
    public void For_EditionAndMemory_CountsVms(string edition, double memoryGiB, long expected)
    {
        var facts = Facts(edition, (long)(memoryGiB * GiB));

        VmCapacity.For(facts, new VmCapacityPolicy()).Vms.Should().Be(expected);
    }

    [Fact]
    public void For_CustomPolicy_UsesItsNumbers()
    {
        var policy = new VmCapacityPolicy { HostReserveMiB = 4096, SmallestVmMiB = 1024, StandardLicenceVms = 4 };

        VmCapacity.For(Facts("ServerDatacenter", 32 * GiB), policy).Vms.Should().Be(28);
        VmCapacity.For(Facts("ServerStandard", 32 * GiB), policy).Vms.Should().Be(4);
    }

    [Fact]
    public void For_Standard_BasisNamesTheLicence()
    {
        VmCapacity.For(Facts("ServerStandard", 32 * GiB), new VmCapacityPolicy()).Basis.Should().Contain("Standard licence covers 2");
        VmCapacity.For(Facts("ServerDatacenter", 32 * GiB), new VmCapacityPolicy()).Basis.Should().StartWith("Datacenter: 32768 MiB");
    }

    [Fact]
    public void Validate_BadNumbers_ListsEveryProblem()
    {
        var errors = new VmCapacityPolicy { HostReserveMiB = -1, SmallestVmMiB = 0, StandardLicenceVms = -2 }.Validate();

        errors.Should().HaveCount(3);
        errors.Should().Contain(e => e.Contains("SmallestVmMiB", StringComparison.Ordinal));
    }

    private static HostFacts Facts(string edition, long memoryBytes) =>
        new(WindowsBuild.Ltsc2022, 2966, edition, HyperVPresent: true, "2.0.4", memoryBytes);
}
