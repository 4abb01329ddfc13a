using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Placement;

namespace HyperVIsolation.Operator.Tests.Placement;

public sealed class BaseImagesTests
{
    [Theory]
    [InlineData(OsFlavor.NanoServer, WindowsVersion.Ltsc2019, "mcr.microsoft.com/windows/nanoserver:ltsc2019")]
    [InlineData(OsFlavor.NanoServer, WindowsVersion.Ltsc2022, "mcr.microsoft.com/windows/nanoserver:ltsc2022")]
    [InlineData(OsFlavor.NanoServer, WindowsVersion.Ltsc2025, "mcr.microsoft.com/windows/nanoserver:ltsc2025")]
    [InlineData(OsFlavor.ServerCore, WindowsVersion.Ltsc2019, "mcr.microsoft.com/windows/servercore:ltsc2019")]
    [InlineData(OsFlavor.ServerCore, WindowsVersion.Ltsc2022, "mcr.microsoft.com/windows/servercore:ltsc2022")]
    [InlineData(OsFlavor.ServerCore, WindowsVersion.Ltsc2025, "mcr.microsoft.com/windows/servercore:ltsc2025")]
    [InlineData(OsFlavor.Server, WindowsVersion.Ltsc2022, "mcr.microsoft.com/windows/server:ltsc2022")]
    [InlineData(OsFlavor.Server, WindowsVersion.Ltsc2025, "mcr.microsoft.com/windows/server:ltsc2025")]
    public void For_PublishedCombination_ReturnsMcrReference(OsFlavor flavor, WindowsVersion version, string expected)
    {
        BaseImages.Exists(flavor, version).Should().BeTrue();
        BaseImages.For(flavor, version).Should().Be(expected);
    }

    [Theory]
    [InlineData(OsFlavor.Server, WindowsVersion.Ltsc2019)]
    [InlineData(OsFlavor.Auto, WindowsVersion.Ltsc2022)]
    [InlineData(OsFlavor.NanoServer, WindowsVersion.Auto)]
    public void For_UnpublishedCombination_Throws(OsFlavor flavor, WindowsVersion version)
    {
        BaseImages.Exists(flavor, version).Should().BeFalse();
        var act = () => BaseImages.For(flavor, version);
        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("ltsc2019", WindowsVersion.Ltsc2019)]
    [InlineData("ltsc2022", WindowsVersion.Ltsc2022)]
    [InlineData("ltsc2025", WindowsVersion.Ltsc2025)]
    public void TryParse_ReleaseTag_RoundTrips(string tag, WindowsVersion expected)
    {
        WindowsReleaseTags.TryParse(tag, out var version).Should().BeTrue();
        version.Should().Be(expected);
        WindowsReleaseTags.Tag(version).Should().Be(tag);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Auto")]
    [InlineData("LTSC2022")]
    [InlineData("2022")]
    [InlineData("1809")]
    [InlineData("ltsc2016")]
    public void TryParse_NotAReleaseKey_ReturnsFalse(string? tag)
    {
        WindowsReleaseTags.TryParse(tag, out _).Should().BeFalse();
    }
}
