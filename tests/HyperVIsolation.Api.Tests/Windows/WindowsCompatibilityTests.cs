using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;

namespace HyperVIsolation.Api.Tests.Windows;

public sealed class WindowsCompatibilityTests
{
    private const int Ws2016 = 14393;
    private const int Ws2019 = 17763;
    private const int Ws2022 = 20348;
    private const int Ws2025 = 26100;

    // Every row of the compatibility matrix in shared/domain-notes.md, both isolation modes.
    [Theory]
    [InlineData(Ws2025, Ws2025, true, true)]
    [InlineData(Ws2025, Ws2022, true, true)]
    [InlineData(Ws2025, Ws2019, false, true)]
    [InlineData(Ws2025, Ws2016, false, true)]
    [InlineData(Ws2022, Ws2025, false, false)]
    [InlineData(Ws2022, Ws2022, true, true)]
    [InlineData(Ws2022, Ws2019, false, true)]
    [InlineData(Ws2022, Ws2016, false, true)]
    [InlineData(Ws2019, Ws2025, false, false)]
    [InlineData(Ws2019, Ws2022, false, false)]
    [InlineData(Ws2019, Ws2019, true, true)]
    [InlineData(Ws2019, Ws2016, false, true)]
    public void CanRun_MatrixRow_MatchesDocumentedCompatibility(int host, int image, bool process, bool hyperV)
    {
        WindowsCompatibility.CanRun(new WindowsBuild(host), new WindowsBuild(image), IsolationMode.Process).Should().Be(process);
        WindowsCompatibility.CanRun(new WindowsBuild(host), new WindowsBuild(image), IsolationMode.HyperV).Should().Be(hyperV);
    }

    [Theory]
    [InlineData("10.0.20348", 20348)]
    [InlineData("20348", 20348)]
    [InlineData("10.0.17763.5458", 17763)]
    [InlineData(" 10.0.26100 ", 26100)]
    public void TryParse_NodeLabelForms_ReturnsBuild(string label, int expected)
    {
        WindowsBuild.TryParse(label, out var build).Should().BeTrue();
        build.Number.Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("windows")]
    [InlineData("6.3.9600")]
    [InlineData("10.0.-1")]
    [InlineData("10.0.0")]
    [InlineData("10.0")]
    public void TryParse_Garbage_ReturnsFalse(string? label)
    {
        WindowsBuild.TryParse(label, out _).Should().BeFalse();
    }

    [Fact]
    public void Version_RoundTripsThroughBuild()
    {
        foreach (var version in new[] { WindowsVersion.Ltsc2019, WindowsVersion.Ltsc2022, WindowsVersion.Ltsc2025 })
        {
            WindowsBuild.Of(version).Version.Should().Be(version);
        }

        WindowsBuild.V23H2.Version.Should().BeNull();
    }
}
