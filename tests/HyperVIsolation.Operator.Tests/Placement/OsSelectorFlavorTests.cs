using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Placement;
using static HyperVIsolation.Operator.Tests.Placement.WorkloadSpecs;

namespace HyperVIsolation.Operator.Tests.Placement;

// Unknown flavor or version strings never reach C#: the CRD schema's enum rejects them, and the
// OsSelection CEL rules reject Nano Server with capabilities and Server on ltsc2019 as well. The
// selector still checks both, because the webhook and older objects bypass the schema.
public sealed class OsSelectorFlavorTests
{
    [Theory]
    [InlineData(OsFlavor.Auto, new OsCapability[0], OsFlavor.NanoServer, "mcr.microsoft.com/windows/nanoserver:ltsc2022")]
    [InlineData(OsFlavor.Auto, new[] { OsCapability.PowerShell }, OsFlavor.ServerCore, "mcr.microsoft.com/windows/servercore:ltsc2022")]
    [InlineData(OsFlavor.Auto, new[] { OsCapability.IIS, OsCapability.WMI }, OsFlavor.ServerCore, "mcr.microsoft.com/windows/servercore:ltsc2022")]
    [InlineData(OsFlavor.NanoServer, new OsCapability[0], OsFlavor.NanoServer, "mcr.microsoft.com/windows/nanoserver:ltsc2022")]
    [InlineData(OsFlavor.ServerCore, new OsCapability[0], OsFlavor.ServerCore, "mcr.microsoft.com/windows/servercore:ltsc2022")]
    [InlineData(OsFlavor.Server, new[] { OsCapability.DotNetFramework }, OsFlavor.Server, "mcr.microsoft.com/windows/server:ltsc2022")]
    public void Select_Flavor_ResolvesFlavorAndBaseImage(OsFlavor requested, OsCapability[] capabilities, OsFlavor expected, string baseImage)
    {
        var result = OsSelector.Select(Spec(requested, capabilities: capabilities), ReadyNodes(Ws2022));

        result.Decision!.Flavor.Should().Be(expected);
        result.Decision.BaseImage.Should().Be(baseImage);
        result.Decision.ImageOf("app").Should().Be(baseImage);
    }

    [Fact]
    public void Select_NanoServerWithCapabilities_FailsNamingThemInOrderOnce()
    {
        var capabilities = new[] { OsCapability.PowerShell, OsCapability.DotNetFramework, OsCapability.PowerShell };

        var result = OsSelector.Select(Spec(OsFlavor.NanoServer, capabilities: capabilities), ReadyNodes(Ws2022));

        result.Failure.Should().Be(new OsSelectionFailure(
            OsSelectionFailureReason.InvalidSpec,
            "Nano Server cannot provide DotNetFramework and PowerShell; use flavor ServerCore or Auto."));
    }

    [Fact]
    public void Select_ServerOnLtsc2019_Fails()
    {
        var result = OsSelector.Select(Spec(OsFlavor.Server, WindowsVersion.Ltsc2019), ReadyNodes(Ws2019));

        result.Failure.Should().Be(new OsSelectionFailure(
            OsSelectionFailureReason.InvalidSpec,
            "The full Server image does not exist for ltsc2019; use ltsc2022 or later, or flavor ServerCore."));
    }

    [Fact]
    public void Select_AutoServerOnMixedPool_NeverPicksLtsc2019()
    {
        var result = OsSelector.Select(Spec(OsFlavor.Server), ReadyNodes(Ws2019, Ws2022));

        result.Decision!.Version.Should().Be(WindowsVersion.Ltsc2022);
    }

    [Fact]
    public void Select_InvalidSpecAndNoNodes_ReportsSpecFirst()
    {
        var result = OsSelector.Select(Spec(OsFlavor.Server, WindowsVersion.Ltsc2019), []);

        result.Failure!.Reason.Should().Be(OsSelectionFailureReason.InvalidSpec);
    }
}
